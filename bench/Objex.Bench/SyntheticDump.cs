using Microsoft.Data.Sqlite;
using Objex.Dump;

namespace Objex.Bench;

/// <summary>
/// Writes a seeded synthetic dump.db in this project's format with the shape of a real Python
/// heap: type objects, modules with their dicts, a few thread stacks (f_back chains, locals,
/// globals as non-path edges), a tree of lists / dicts / instances-with-__dict__ hanging off
/// the module dicts, strings and ints shared by many holders, long linked chains (`.next`),
/// back references making cycles, weak references, and ~1% garbage cycles no root reaches.
/// Same seed and sizes, same file.
/// </summary>
internal sealed class SyntheticDump
{
    private const int TypeType = 0, TypeStr = 1, TypeInt = 2, TypeList = 3, TypeDict = 4, TypeTuple = 5, TypeModule = 6,
        TypeFrame = 7, TypeCode = 8, TypeFunction = 9, TypeWeakref = 10, TypeFloat = 11, FirstUserType = 12;

    private static readonly string[] BuiltinTypes = ["type", "str", "int", "list", "dict", "tuple", "module", "frame", "code", "function", "weakref", "float"];

    private readonly Random _random;
    private readonly int _objects;
    private readonly long _targetRefs;
    private readonly int[] _type;
    private readonly int[] _size;
    private readonly int[] _childCount;
    private readonly List<int> _containers = [];
    private readonly List<int> _shared = [];
    private readonly List<int> _strings = [];
    private const long IndexLabel = 1L << 32, DictKeyLabel = 2L << 32, LocalLabel = 3L << 32;

    private static readonly string[] Names = [".__dict__", ".f_back", ".f_code", ".f_globals", ".__class__", ".next", "()", ".peer"];

    private int[] _edgeSrc = [];
    private int[] _edgeDst = [];
    private long[] _edgeLabel = [];
    private byte[] _edgeKind = [];
    private int _edgeCount;
    private int[] _edgeOrder = [];
    private int[] _edgeOffsets = [];
    private long _refs;

    private SyntheticDump(int objects, long refs, int seed)
    {
        _random = new Random(seed);
        _objects = objects;
        _targetRefs = refs;
        _type = new int[objects];
        _size = new int[objects];
        _childCount = new int[objects];
    }

    /// <summary>Writes the dump to <paramref name="path"/> (replacing it) and returns the references written.</summary>
    internal static long Write(string path, int objects, long refs, int seed)
    {
        File.Delete(path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; " + DumpSchema.Ddl;
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        var dump = new SyntheticDump(objects, refs, seed);
        dump.Generate(connection, path);
        transaction.Commit();
        return dump._refs;
    }

    private void Generate(SqliteConnection connection, string path)
    {
        var typeCount = Math.Clamp(_objects / 4000, 40, 2000);
        var moduleCount = Math.Clamp(_objects / 8000, 10, 3000);
        var next = 0;

        // Types: 0 is `type`; the first few are builtins, the rest user classes.
        for (; next < typeCount; next++)
        {
            _type[next] = TypeType;
            _size[next] = 1064;
        }

        // Modules and their dicts: the roots of the module tree.
        var modules = new int[moduleCount];
        for (var m = 0; m < moduleCount; m++)
        {
            modules[m] = next;
            New(ref next, TypeModule, 72);
            var dict = New(ref next, TypeDict, 4696);
            Ref(modules[m], dict, Name(0));
            _containers.Add(dict);
        }

        // Shared small strings and ints (interned names, small ints) that many objects refer to.
        var sharedCount = Math.Max(100, _objects / 200);
        for (var i = 0; i < sharedCount; i++)
        {
            var id = New(ref next, i % 3 == 0 ? TypeInt : TypeStr, i % 3 == 0 ? 28 : 58);
            _shared.Add(id);
            if (_type[id] == TypeStr)
            {
                _strings.Add(id);
            }

            Attach(id);
        }

        // Thread stacks: 4 threads of 12 frames, each with a code object, globals and locals.
        var frames = new List<(int Frame, int Back, int Code)>();
        var threads = new List<int>();
        for (var t = 0; t < 4; t++)
        {
            var back = -1;
            for (var depth = 0; depth < 12; depth++)
            {
                var code = New(ref next, TypeCode, 200);
                Attach(code);
                var frame = New(ref next, TypeFrame, 432);
                if (back >= 0)
                {
                    Ref(frame, back, Name(1));
                }

                Ref(frame, code, Name(2));
                Ref(frame, modules[_random.Next(moduleCount)] + 1, Name(3), kind: 2);
                frames.Add((frame, back, code));
                back = frame;
            }

            threads.Add(back);
        }

        // Garbage cycles (about 1%) and long chains (about 2%) are laid out first so their ids are contiguous.
        var garbage = _objects / 100;
        var chainBudget = _objects / 50;
        var bodyEnd = _objects - garbage;
        var frameLocals = new List<(int, int)>();
        while (next < bodyEnd)
        {
            var roll = _random.Next(100);
            if (chainBudget > 0 && roll == 0)
            {
                // A linked list: head attached to the tree, every node → next.
                var length = Math.Min(Math.Min(chainBudget, 1000 + _random.Next(4000)), bodyEnd - next);
                var userType = FirstUserType + _random.Next(typeCount - FirstUserType);
                var previous = -1;
                for (var i = 0; i < length; i++)
                {
                    var node = New(ref next, userType, 56);
                    Ref(node, userType, Name(4));
                    if (previous < 0)
                    {
                        Attach(node);
                    }
                    else
                    {
                        Ref(previous, node, Name(5));
                    }

                    previous = node;
                }

                chainBudget -= length;
                continue;
            }

            if (roll < 35)
            {
                var s = New(ref next, TypeStr, 49 + _random.Next(80));
                _strings.Add(s);
                Attach(s);
            }
            else if (roll < 45)
            {
                Attach(New(ref next, _random.Next(2) == 0 ? TypeInt : TypeFloat, 24 + (4 * _random.Next(2))));
            }
            else if (roll < 55)
            {
                var tuple = New(ref next, TypeTuple, 56);
                Attach(tuple);
                _containers.Add(tuple);
            }
            else if (roll < 63)
            {
                var list = New(ref next, TypeList, 88);
                Attach(list);
                _containers.Add(list);
            }
            else if (roll < 75)
            {
                var dict = New(ref next, TypeDict, 232);
                Attach(dict);
                _containers.Add(dict);
            }
            else if (roll < 95 && next + 1 < bodyEnd)
            {
                // An instance of a user class and its __dict__.
                var userType = FirstUserType + _random.Next(typeCount - FirstUserType);
                var instance = New(ref next, userType, 48);
                var dict = New(ref next, TypeDict, 104);
                Attach(instance);
                Ref(instance, dict, Name(0));
                Ref(instance, userType, Name(4));
                _containers.Add(dict);
            }
            else if (roll < 97)
            {
                var function = New(ref next, TypeFunction, 152);
                Attach(function);
            }
            else if (roll < 98)
            {
                // A weak reference to something already in the heap.
                var weak = New(ref next, TypeWeakref, 72);
                Attach(weak);
                Ref(weak, _random.Next(next - 1), Name(6), kind: 1);
            }
            else
            {
                var local = New(ref next, TypeStr, 60);
                Attach(local);
                frameLocals.Add((frames[_random.Next(frames.Count)].Frame, local));
            }
        }

        foreach (var (frame, local) in frameLocals)
        {
            Ref(frame, local, LocalLabel | (uint)local);
        }

        // Garbage: cycles of 2..50 instances that nothing reachable refers to.
        while (next < _objects)
        {
            var length = Math.Min(2 + _random.Next(49), _objects - next);
            var first = next;
            for (var i = 0; i < length; i++)
            {
                New(ref next, FirstUserType, 56);
            }

            for (var i = 0; i < length; i++)
            {
                Ref(first + i, first + ((i + 1) % length), Name(7));
            }
        }

        // The remaining budget: shared objects referenced again, cross references, back references (cycles).
        var extraNeeded = _targetRefs - _refs;
        for (long i = 0; i < extraNeeded && _containers.Count > 0; i++)
        {
            var holder = _containers[_random.Next(_containers.Count)];
            var roll = _random.Next(10);
            var target = roll < 6 ? _shared[_random.Next(_shared.Count)] : _random.Next(bodyEnd);
            ContainerRef(holder, target);
        }

        var newId = DiscoveryOrder(Enumerable.Range(0, typeCount).Concat(modules).Concat(frames.Select(f => f.Frame)));
        var oldId = new int[_objects];
        for (var i = 0; i < _objects; i++)
        {
            oldId[newId[i]] = i;
        }

        WriteReferences(connection, path, newId, oldId);
        WriteObjects(connection, path, typeCount, moduleCount, modules, frames, threads, newId, oldId);
    }

    private int New(ref int next, int type, int size)
    {
        _type[next] = type;
        _size[next] = size;
        return next++;
    }

    private void Attach(int child)
    {
        if (_containers.Count == 0)
        {
            return;
        }

        ContainerRef(_containers[_random.Next(_containers.Count)], child);
    }

    private void ContainerRef(int holder, int child)
    {
        var index = _childCount[holder]++;
        if (_type[holder] == TypeDict)
        {
            var key = _strings.Count > 0 ? _strings[_random.Next(_strings.Count)] : child;
            Ref(holder, child, DictKeyLabel | (uint)key);
        }
        else
        {
            Ref(holder, child, IndexLabel | (uint)index);
        }
    }

    private void Ref(int src, int dst, long label, int kind = 0)
    {
        if (_edgeCount == _edgeSrc.Length)
        {
            var grown = Math.Max(1024, _edgeSrc.Length * 2);
            Array.Resize(ref _edgeSrc, grown);
            Array.Resize(ref _edgeDst, grown);
            Array.Resize(ref _edgeLabel, grown);
            Array.Resize(ref _edgeKind, grown);
        }

        _edgeSrc[_edgeCount] = src;
        _edgeDst[_edgeCount] = dst;
        _edgeLabel[_edgeCount] = label;
        _edgeKind[_edgeCount++] = (byte)kind;
        _refs++;
    }

    private static long Name(int index) => index;

    private static string LabelText(long label, int[] newId)
    {
        var value = (int)(label & 0xFFFFFFFF);
        return (label & ~0xFFFFFFFFL) switch
        {
            IndexLabel => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DictKeyLabel => "@" + newId[value].ToString(System.Globalization.CultureInfo.InvariantCulture),
            LocalLabel => $".locals['v{newId[value]}']",
            _ => Names[value],
        };
    }

    // Ids in discovery order, as the collector assigns them: breadth-first from the types, the
    // modules and the frames over every reference, then whatever nothing reached (garbage).
    // This gives the synthetic heap the id locality of a real dump.
    private int[] DiscoveryOrder(IEnumerable<int> roots)
    {
        var offsets = new int[_objects + 1];
        for (var e = 0; e < _edgeCount; e++)
        {
            offsets[_edgeSrc[e] + 1]++;
        }

        for (var i = 0; i < _objects; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var next = offsets[.._objects];
        _edgeOrder = new int[_edgeCount];
        for (var e = 0; e < _edgeCount; e++)
        {
            _edgeOrder[next[_edgeSrc[e]]++] = e;
        }

        _edgeOffsets = offsets;
        var newId = new int[_objects];
        newId.AsSpan().Fill(-1);
        var queue = new int[_objects];
        int head = 0, tail = 0;
        foreach (var root in roots.Concat(Enumerable.Range(0, _objects)))
        {
            if (newId[root] >= 0)
            {
                continue;
            }

            newId[root] = tail;
            queue[tail++] = root;
            while (head < tail)
            {
                var node = queue[head++];
                for (var slot = offsets[node]; slot < offsets[node + 1]; slot++)
                {
                    var target = _edgeDst[_edgeOrder[slot]];
                    if (newId[target] < 0)
                    {
                        newId[target] = tail;
                        queue[tail++] = target;
                    }
                }
            }
        }

        return newId;
    }

    // The collector writes each object's references together as it walks: rows grouped by src.
    private void WriteReferences(SqliteConnection connection, string path, int[] newId, int[] oldId)
    {

        using var insert = new RawStatement(connection, "INSERT INTO reference (src, dst, ref, kind) VALUES (?1, ?2, ?3, ?4)", path);
        for (var id = 0; id < _objects; id++)
        {
            var old = oldId[id];
            for (var slot = _edgeOffsets[old]; slot < _edgeOffsets[old + 1]; slot++)
            {
                var e = _edgeOrder[slot];
                insert.Bind(1, id);
                insert.Bind(2, newId[_edgeDst[e]]);
                insert.Bind(3, LabelText(_edgeLabel[e], newId));
                insert.Bind(4, _edgeKind[e]);
                insert.Execute();
            }
        }
    }

    private void WriteObjects(
        SqliteConnection connection, string path, int typeCount, int moduleCount, int[] modules, List<(int Frame, int Back, int Code)> frames, List<int> threads, int[] newId, int[] oldId)
    {

        using (var insert = new RawStatement(
            connection,
            "INSERT INTO object (id, pytype, size, len, refcount, in_gc_objects, is_gc_tracked, address, value, is_immortal) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, 0)",
            path))
        {
            // Refcounts as CPython's: the references that hold one (not weak ones; the types are builtins, which their
            // instances do not count); an object nothing refers to has 1, as if C held it (the analysis's held from C).
            var holders = new int[_objects];
            for (var e = 0; e < _edgeCount; e++)
            {
                if (_edgeKind[e] != 1)
                {
                    holders[_edgeDst[e]]++;
                }
            }

            for (var id = 0; id < _objects; id++)
            {
                var old = oldId[id];
                var type = _type[old];
                var scalar = type is TypeStr or TypeInt or TypeFloat;
                insert.Bind(1, id);
                insert.Bind(2, newId[type]);
                insert.Bind(3, _size[old]);
                if (type is TypeList or TypeDict or TypeTuple || type == TypeStr)
                {
                    insert.Bind(4, type == TypeStr ? _size[old] - 49 : _childCount[old]);
                }
                else
                {
                    insert.Bind(4, (string?)null);
                }

                insert.Bind(5, Math.Max(1, holders[old]));
                insert.Bind(6, scalar ? 0 : 1);
                insert.Bind(7, 0x7f0000000000L + (id * 64L));
                insert.Bind(8, type == TypeStr ? "s" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : type == TypeInt ? (id % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
                insert.Execute();
            }
        }

        using (var insert = new RawStatement(connection, "INSERT INTO pytype (object, module, name, qualname) VALUES (?1, ?2, ?3, ?3)", path))
        {
            for (var t = 0; t < typeCount; t++)
            {
                insert.Bind(1, newId[t]);
                insert.Bind(2, newId[modules[t % moduleCount]]);
                insert.Bind(3, t < BuiltinTypes.Length ? BuiltinTypes[t] : $"Class{t}");
                insert.Execute();
            }
        }

        using (var insert = new RawStatement(connection, "INSERT INTO module (object, file, name) VALUES (?1, ?2, ?3)", path))
        {
            for (var m = 0; m < moduleCount; m++)
            {
                insert.Bind(1, newId[modules[m]]);
                insert.Bind(2, $"/srv/app/pkg/mod{m}.py");
                insert.Bind(3, m == 0 ? "__main__" : $"pkg.mod{m}");
                insert.Execute();
            }
        }

        using (var insert = new RawStatement(connection, "INSERT INTO pyframe (object, f_back_obj_id, f_code_obj_id, f_lasti, f_lineno, trace) VALUES (?1, ?2, ?3, 10, ?4, ?5)", path))
        using (var code = new RawStatement(connection, "INSERT INTO pycode (object, co_name) VALUES (?1, ?2)", path))
        {
            foreach (var (oldFrame, oldBack, oldCode) in frames)
            {
                var (frame, codeObject) = (newId[oldFrame], newId[oldCode]);
                insert.Bind(1, frame);
                insert.Bind(2, oldBack < 0 ? null : newId[oldBack].ToString(System.Globalization.CultureInfo.InvariantCulture));
                insert.Bind(3, codeObject);
                insert.Bind(4, frame % 500);
                insert.Bind(5, $"  File \"/srv/app/pkg/mod1.py\", line {frame % 500}, in f{frame}\n    work()\n");
                insert.Execute();
                code.Bind(1, codeObject);
                code.Bind(2, $"f{frame}");
                code.Execute();
            }
        }

        using (var insert = new RawStatement(connection, "INSERT INTO thread (stack_obj_id, thread_id, name, is_main, native_id) VALUES (?1, ?2, ?3, ?4, ?2)", path))
        {
            for (var t = 0; t < threads.Count; t++)
            {
                insert.Bind(1, newId[threads[t]]);
                insert.Bind(2, 1000 + t);
                insert.Bind(3, t == 0 ? "MainThread" : $"worker-{t}");
                insert.Bind(4, t == 0 ? 1 : 0);
                insert.Execute();
            }
        }

        using var meta = connection.CreateCommand();
        meta.CommandText =
            "INSERT INTO meta (id, pid, hostname, memory_mb, gc_info, num_gcd_objects, duration_s, format_version, collector, python_version, " +
            "python_implementation, platform, argv, executable, rss_bytes, peak_rss_bytes, object_count, reference_count, immortal_refcount, forked) " +
            "VALUES (0, 4242, 'synthetic', $mb, '[0,0,0]', 0, 1.5, 1, 'objex-bench synthetic', '3.12.1', 'CPython', 'Linux', '[\"app.py\"]', " +
            "'/usr/bin/python3', $rss, $rss, $objects, $refs, 4294967295, 0)";
        long total = 0;
        foreach (var size in _size)
        {
            total += size;
        }

        meta.Parameters.AddWithValue("$mb", total / 1048576.0);
        meta.Parameters.AddWithValue("$rss", total + (total / 4));
        meta.Parameters.AddWithValue("$objects", _objects);
        meta.Parameters.AddWithValue("$refs", _refs);
        meta.ExecuteNonQuery();
    }
}
