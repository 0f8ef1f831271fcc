using System.Globalization;
using Objex.Dump;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Export;

/// <summary>
/// Every graph edge's DevTools edge type and <c>name_or_index</c>, from its label, read by one scan of
/// <c>reference</c> (labels stay in SQLite; per edge only a byte and an int are kept, 5 B per edge): an index
/// (<c>3</c>) is an <c>element</c>; an attribute (<c>.name</c>) a <c>property</c> named <c>name</c>; a dict entry
/// (<c>@&lt;key id&gt;</c>) a <c>property</c> named by its key's short value (read in a second scan of the keys
/// only); a frame's local (<c>.locals['x']</c>) a <c>context</c> named <c>x</c>; a weak reference <c>weak</c>;
/// an unlabelled one <c>hidden</c> (the writer numbers it by its position, as V8 numbers its hidden edges); any
/// other label (<c>*</c>, <c>&lt;key&gt;</c>, <c>()</c>, <c>.&lt;cache&gt;</c>) an <c>internal</c> edge named by the label as
/// recorded. Which references are <c>weak</c> or <c>shortcut</c> is the writer's call (it depends on the kind
/// and the dominators, not on the label).
/// </summary>
internal sealed class DevToolsEdgeNames
{
    internal const byte Context = 0;
    internal const byte Element = 1;
    internal const byte Property = 2;
    internal const byte Internal = 3;
    internal const byte Hidden = 4;
    internal const byte Shortcut = 5;
    internal const byte Weak = 6;

    /// <summary>The edge types in the order of <see cref="Context"/> … <see cref="Weak"/> (V8's order).</summary>
    internal static readonly string[] TypeNames = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"];

    // A dict entry whose key's text is not read yet: its name slot holds the key's id.
    private const byte PendingKey = 255;

    private DevToolsEdgeNames(byte[] types, int[] names)
    {
        Types = types;
        Names = names;
    }

    /// <summary>Per edge: <see cref="Context"/> … <see cref="Weak"/>.</summary>
    internal byte[] Types { get; }

    /// <summary>Per edge: a string's index in the table for named types, the index for <c>element</c> and <c>hidden</c>.</summary>
    internal int[] Names { get; }

    internal static DevToolsEdgeNames Read(HeapSnapshot snapshot, StringTable strings, Labeler labeler, CancellationToken cancel)
    {
        var edgeCount = snapshot.EdgeCount;
        var types = new byte[edgeCount];
        var names = new int[edgeCount];
        var edgeOfRow = EdgesByRowId(snapshot);
        var keys = new HashSet<int>();
        var connection = snapshot.Connection;
        using (var scan = new RawStatement(connection, "SELECT rowid, ref FROM reference WHERE rowid < ?1", snapshot.Path))
        {
            scan.Bind(1, edgeOfRow.Length);
            var rows = 0;
            while (scan.Step())
            {
                if ((++rows & 0xFFFFF) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                }

                var edge = edgeOfRow[scan.Int64(0)];
                if (edge < 0)
                {
                    continue;
                }

                var (type, name) = Classify(scan.Text(1), strings);
                if (type == PendingKey)
                {
                    keys.Add(name);
                }

                types[edge] = type;
                names[edge] = name;
            }
        }

        NameKeys(snapshot, strings, labeler, keys, types, names);
        return new DevToolsEdgeNames(types, names);
    }

    /// <summary>The edge of each <c>reference</c> rowid, -1 for rows that are not graph edges (the analysis's `.__class__` rows, dangling ones).</summary>
    internal static int[] EdgesByRowId(HeapSnapshot snapshot)
    {
        long max = -1;
        for (var e = 0; e < snapshot.EdgeCount; e++)
        {
            max = Math.Max(max, snapshot.EdgeRowId((EdgeId)e));
        }

        var edgeOfRow = new int[max + 1];
        edgeOfRow.AsSpan().Fill(-1);
        for (var e = 0; e < snapshot.EdgeCount; e++)
        {
            edgeOfRow[snapshot.EdgeRowId((EdgeId)e)] = e;
        }

        return edgeOfRow;
    }

    private static (byte Type, int Name) Classify(string label, StringTable strings)
    {
        if (label.Length == 0 || label == "<unlabelled>")
        {
            return (Hidden, 0);
        }

        if (char.IsAsciiDigit(label[0]) && int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return (Element, index);
        }

        var key = EdgeText.DictKey(label);
        if (key != ObjId.None)
        {
            return (PendingKey, (int)key);
        }

        const string Locals = ".locals[";
        if (label.StartsWith(Locals, StringComparison.Ordinal) && label.EndsWith(']'))
        {
            return (Context, strings.Intern(Unquote(label[Locals.Length..^1])));
        }

        if (label.Length > 1 && label[0] == '.' && label[1] != '<')
        {
            return (Property, strings.Intern(label[1..]));
        }

        return (Internal, strings.Intern(label));
    }

    private static string Unquote(string literal) =>
        literal.Length >= 2 && (literal[0] is '\'' or '"') && literal[^1] == literal[0] ? literal[1..^1] : literal;

    /// <summary>Names each dict entry by its key's short value (one scan of the keys' rows), or by the key's label when it has none.</summary>
    private static void NameKeys(HeapSnapshot snapshot, StringTable strings, Labeler labeler, HashSet<int> keys, byte[] types, int[] names)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var keyNames = new Dictionary<int, int>(keys.Count);
        if (SqliteFileProbe.ColumnNames(snapshot.Connection, "object").Contains("value"))
        {
            using var scan = new RawStatement(snapshot.Connection, "SELECT id, value FROM object WHERE value IS NOT NULL", snapshot.Path);
            while (scan.Step())
            {
                var id = scan.Int32(0);
                if (keys.Contains(id))
                {
                    keyNames[id] = strings.Intern(PythonRepr.Shorten(scan.Text(1)));
                }
            }
        }

        for (var e = 0; e < types.Length; e++)
        {
            if (types[e] != PendingKey)
            {
                continue;
            }

            var key = names[e];
            if (!keyNames.TryGetValue(key, out var name))
            {
                name = strings.Intern(snapshot.IsObject((ObjId)key) ? labeler.Label((ObjId)key) : "<missing key #" + key.ToString(CultureInfo.InvariantCulture) + ">");
                keyNames[key] = name;
            }

            types[e] = Property;
            names[e] = name;
        }
    }
}
