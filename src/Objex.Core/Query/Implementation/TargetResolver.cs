using System.Globalization;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Resolves what <c>go</c> (and <c>list</c>, <c>path_to</c>, <c>path_from</c>) accept: <c>random</c>, an id,
/// <c>.attr[0]['k']</c> from the current object, a mark, <c>module.path.to.attr</c> (longest module name
/// first), <c>TypeName</c> or <c>module.TypeName</c>. Walking a path reads the labels of the current object's
/// references (one rowid lookup each), so it costs O(references of the objects on the path).
/// </summary>
internal sealed class TargetResolver(HeapSnapshot snapshot, Labeler labeler, SessionSql sql)
{
    private List<(ObjId Type, string Name, string Qualified)>? _types;

    internal ObjId Resolve(string target, ObjId current, Random random)
    {
        target = target.Trim();
        if (target.Length == 0)
        {
            throw new QueryException("expected a target: random, an id, module.attr, .attr, a type name or a mark");
        }

        if (target == "random")
        {
            return (ObjId)random.Next(snapshot.ObjectCount);
        }

        if (int.TryParse(target, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            labeler.RequireObject((ObjId)id);
            return (ObjId)id;
        }

        if (LabelledId.Digits(target) is { } digits)
        {
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var labelled))
            {
                throw new QueryException($"no object with id: {digits} (ids are 0 to {snapshot.ObjectCount - 1:N0})");
            }

            labeler.RequireObject((ObjId)labelled);
            return (ObjId)labelled;
        }

        if (target[0] is '.' or '[')
        {
            return Walk(current, target);
        }

        if (snapshot.Marks().TryGetValue(target, out var marked))
        {
            return marked;
        }

        if (ResolveFromModule(target) is { } fromModule)
        {
            return fromModule;
        }

        return ResolveType(target)
            ?? throw new QueryException($"no object found for: {target} (expected random, an id, module.attr, .attr, a type name or a mark)");
    }

    /// <summary>Names after <c>.</c> that the object's references offer (attributes, and keys of its <c>__dict__</c>).</summary>
    internal List<string> AttributeNames(ObjId obj)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var edge in snapshot.OutEdges(obj))
        {
            var label = snapshot.EdgeLabel(edge);
            if (label == ".__dict__")
            {
                foreach (var keyName in StringKeys(snapshot.EdgeTarget(edge)))
                {
                    names.Add(keyName);
                }
            }

            if (label.Length > 1 && label[0] == '.' && label.AsSpan(1).IndexOfAny("[<.") < 0)
            {
                names.Add(label[1..]);
            }
        }

        return [.. names];
    }

    private ObjId? ResolveFromModule(string target)
    {
        // Longest module name first: `os.path.sep` tries module "os.path" before module "os" + ".path".
        var chainEnd = target.IndexOf('[', StringComparison.Ordinal);
        var chain = chainEnd < 0 ? target : target[..chainEnd];
        var end = chain.Length;
        while (end > 0)
        {
            var module = snapshot.FindModule(chain[..end]);
            if (module != ObjId.None)
            {
                return Walk(module, target[end..]);
            }

            end = chain.LastIndexOf('.', end - 1);
        }

        return null;
    }

    private ObjId? ResolveType(string name)
    {
        _types ??= sql.TypeObjects().Select(type => (type, snapshot.TypeQualName(type) ?? "?", labeler.QualifiedTypeName(type))).ToList();
        var qualified = _types.Where(t => t.Qualified == name).ToList();
        var matches = qualified.Count > 0 ? qualified : _types.Where(t => t.Name == name).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0].Type,
            _ => throw new QueryException(
                $"{matches.Count} types are named {name}: {string.Join(", ", matches.Take(5).Select(t => t.Qualified))}{(matches.Count > 5 ? ", …" : "")}; use module.TypeName or an id"),
        };
    }

    private ObjId Walk(ObjId start, string path)
    {
        var steps = AttributePath.Split(path);
        var current = start;
        for (var i = 0; i < steps.Count; i++)
        {
            // Frame locals, globals and defaults are one label: `.locals['x']`.
            if (i + 1 < steps.Count && steps[i][0] == '.' && steps[i + 1][0] == '['
                && FindEdge(current, Normalised(steps[i], steps[i + 1])) is { } combined)
            {
                current = combined;
                i++;
                continue;
            }

            current = Step(current, steps[i])
                ?? throw new QueryException($"{labeler.Label(current)} has no reference {steps[i]} (in {path})");
        }

        return current;
    }

    private ObjId? Step(ObjId obj, string step)
    {
        if (step[0] == '.')
        {
            return FindEdge(obj, step) ?? FindEdge(obj, step[1..]) ?? FindInDict(obj, step[1..], quoted: true);
        }

        var (inner, quoted) = AttributePath.BracketContent(step);
        if (!quoted && FindEdge(obj, inner) is { } indexed)
        {
            return indexed;
        }

        return FindDictEntry(obj, inner, quoted);
    }

    /// <summary>An attribute held in the object's <c>__dict__</c> rather than as a direct reference.</summary>
    private ObjId? FindInDict(ObjId obj, string name, bool quoted) =>
        FindEdge(obj, ".__dict__") is { } dict ? FindDictEntry(dict, name, quoted) : null;

    private ObjId? FindEdge(ObjId obj, string label)
    {
        foreach (var edge in snapshot.OutEdges(obj))
        {
            if (snapshot.EdgeLabel(edge) == label)
            {
                return snapshot.EdgeTarget(edge);
            }
        }

        return null;
    }

    /// <summary>A dict entry whose key is the str (quoted) or the scalar literal (unquoted, e.g. 3 or None) given.</summary>
    private ObjId? FindDictEntry(ObjId dict, string key, bool quoted)
    {
        foreach (var edge in snapshot.OutEdges(dict))
        {
            var keyObj = EdgeText.DictKey(snapshot.EdgeLabel(edge));
            if (keyObj == ObjId.None || !snapshot.IsObject(keyObj))
            {
                continue;
            }

            var value = labeler.ValueOf(keyObj);
            var isStr = labeler.QualifiedTypeName(snapshot.TypeOf(keyObj)) == "str";
            if (value == key && isStr == quoted)
            {
                return snapshot.EdgeTarget(edge);
            }
        }

        return null;
    }

    private IEnumerable<string> StringKeys(ObjId dict)
    {
        foreach (var edge in snapshot.OutEdges(dict))
        {
            var keyObj = EdgeText.DictKey(snapshot.EdgeLabel(edge));
            if (keyObj != ObjId.None && snapshot.IsObject(keyObj)
                && labeler.QualifiedTypeName(snapshot.TypeOf(keyObj)) == "str" && labeler.ValueOf(keyObj) is { } name)
            {
                yield return name;
            }
        }
    }

    /// <summary><c>.locals</c> + <c>["x"]</c> → <c>.locals['x']</c>, the collector's spelling.</summary>
    private static string Normalised(string attribute, string bracket)
    {
        var (inner, quoted) = AttributePath.BracketContent(bracket);
        return quoted ? $"{attribute}[{PythonRepr.Str(inner)}]" : attribute + bracket;
    }
}
