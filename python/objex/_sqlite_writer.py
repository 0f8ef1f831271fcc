"""The SQLite writer, run in a helper process so that SQLite's work (binding,
b-tree inserts) overlaps with the graph walk on another core.

The walking process sends ``marshal``-encoded messages down a pipe, each
preceded by its length (8 bytes, little-endian; ``marshal.load`` on a stream
would read it in tiny pieces):
``("many", sql, rows)``, ``("exec", sql, params)``, and finally ``("commit",)``;
the writer applies them to the temporary file in one transaction and exits 0
once committed (non-zero, with one line on stderr, on any failure). The writer
never sees a Python object of the dumped program, only ints and strings.

Run as ``python -c`` with only the standard library (no import of objex), so it
works wherever ``sys.executable`` is a real Python.
"""

WRITER_SOURCE = r'''
import marshal, sqlite3, sys
path = sys.argv[1]
conn = sqlite3.connect(path, isolation_level=None)
for pragma in ("page_size=65536", "locking_mode=EXCLUSIVE", "journal_mode=OFF",
               "synchronous=OFF", "cache_size=-16384"):
    conn.execute("PRAGMA " + pragma)
conn.execute("BEGIN")
stream = sys.stdin.buffer
while True:
    header = stream.read(8)
    body = stream.read(int.from_bytes(header, "little")) if len(header) == 8 else b""
    if not body:
        sys.stderr.write("objex writer: the dumping process went away\n")
        sys.exit(3)
    message = marshal.loads(body)
    op = message[0]
    if op == "many":
        conn.executemany(message[1], message[2])
    elif op == "exec":
        conn.execute(message[1], message[2])
    elif op == "script":
        conn.execute("COMMIT")
        conn.executescript(message[1])
        conn.execute("BEGIN")
    elif op == "commit":
        conn.execute("COMMIT")
        conn.close()
        sys.exit(0)
'''
