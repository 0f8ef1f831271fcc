"""The dump schema (docs/dump-format.md): the original objex tables and columns,
plus this collector's additions. No indices: the analysis step adds what it needs,
and inserting into index-free tables keeps the dump fast."""

FORMAT_VERSION = 1

SCHEMA = """
CREATE TABLE meta (
    id INTEGER PRIMARY KEY,
    ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    pid INTEGER NOT NULL,
    hostname TEXT NOT NULL,
    memory_mb REAL NOT NULL,
    gc_info TEXT NOT NULL,
    num_gcd_objects INTEGER NOT NULL,
    duration_s REAL,
    format_version INTEGER NOT NULL,
    collector TEXT NOT NULL,
    python_version TEXT NOT NULL,
    python_implementation TEXT NOT NULL,
    platform TEXT NOT NULL,
    argv TEXT NOT NULL,
    executable TEXT NOT NULL,
    rss_bytes INTEGER,
    peak_rss_bytes INTEGER,
    object_count INTEGER,
    reference_count INTEGER,
    immortal_refcount INTEGER,
    forked INTEGER NOT NULL,
    gc_enabled INTEGER,
    gc_thresholds TEXT,
    process_start_ticks INTEGER
);
CREATE TABLE object (
    id INTEGER PRIMARY KEY,
    pytype INTEGER NOT NULL,
    size INTEGER NOT NULL,
    len INTEGER,
    refcount INTEGER NOT NULL,
    in_gc_objects INTEGER NOT NULL,
    is_gc_tracked INTEGER NOT NULL,
    address INTEGER NOT NULL,
    value TEXT,
    is_immortal INTEGER NOT NULL
);
CREATE TABLE pytype (
    id INTEGER PRIMARY KEY,
    object INTEGER NOT NULL,
    module INTEGER,
    name TEXT NOT NULL,
    qualname TEXT
);
CREATE TABLE pytype_bases (
    id INTEGER PRIMARY KEY,
    obj_id INTEGER NOT NULL,
    base_obj_id INTEGER NOT NULL
);
CREATE TABLE module (
    id INTEGER PRIMARY KEY,
    object INTEGER NOT NULL,
    file TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE pyframe (
    id INTEGER PRIMARY KEY,
    object INTEGER NOT NULL,
    f_back_obj_id INTEGER,
    f_code_obj_id INTEGER NOT NULL,
    f_lasti INTEGER NOT NULL,
    f_lineno INTEGER NOT NULL,
    trace TEXT NOT NULL
);
CREATE TABLE thread (
    id INTEGER PRIMARY KEY,
    stack_obj_id INTEGER NOT NULL,
    thread_id INTEGER NOT NULL,
    name TEXT,
    is_main INTEGER NOT NULL,
    native_id INTEGER
);
CREATE TABLE pygen (
    id INTEGER PRIMARY KEY,
    object INTEGER NOT NULL,
    code_obj_id INTEGER NOT NULL,
    co_firstlineno INTEGER NOT NULL,
    lineno INTEGER
);
CREATE TABLE pycode (
    id INTEGER PRIMARY KEY,
    object INTEGER NOT NULL,
    co_name TEXT NOT NULL
);
CREATE TABLE function (
    id INTEGER PRIMARY KEY,
    object INTEGER NOT NULL,
    func_name TEXT NOT NULL,
    func_code_obj_id INTEGER NOT NULL,
    module_obj_id INTEGER,
    closure_names TEXT
);
CREATE TABLE reference (
    src INTEGER NOT NULL,
    dst INTEGER NOT NULL,
    ref TEXT NOT NULL,
    kind INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE gc_referrer (
    src INTEGER NOT NULL,
    dst INTEGER NOT NULL
);
CREATE TABLE gc_referent (
    src INTEGER NOT NULL,
    dst INTEGER NOT NULL
);
CREATE TABLE site (
    id INTEGER PRIMARY KEY,
    filename TEXT NOT NULL,
    lineno INTEGER NOT NULL,
    function TEXT,
    traceback TEXT NOT NULL
);
CREATE TABLE object_site (
    object INTEGER PRIMARY KEY,
    site INTEGER NOT NULL
);
CREATE TABLE memory (
    source TEXT NOT NULL,
    name TEXT NOT NULL,
    value INTEGER NOT NULL
);
CREATE TABLE external_buffer (
    object INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    place TEXT NOT NULL
);
CREATE TABLE object_mark (
    id INTEGER PRIMARY KEY,
    object INTEGER NOT NULL,
    mark TEXT NOT NULL UNIQUE
);
"""
