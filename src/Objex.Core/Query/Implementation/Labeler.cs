using System.Globalization;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Renders objects as the faces show them: labels (<c>&lt;str#4774 'normpath'&gt;</c>, <c>&lt;module os#12&gt;</c>,
/// <c>&lt;type app.Order#7&gt;</c>, marks in braces) and <see cref="ObjectSummary"/> records. Names come from
/// the snapshot's caches; per-object details cost one indexed SQLite lookup.
/// </summary>
internal sealed class Labeler(HeapSnapshot snapshot)
{
    private readonly Dictionary<int, string> _qualifiedTypeNames = [];
    private Dictionary<int, long>? _instanceCounts;
    private Dictionary<int, string>? _marksByObject;

    /// <summary>The objects new since the session's baseline, once one is attached: summaries say so.</summary>
    internal NewObjectSet? NewObjects { get; set; }

    /// <summary>The type's name qualified by its module unless builtin: <c>dict</c>, <c>collections.OrderedDict</c>.</summary>
    internal string QualifiedTypeName(ObjId type)
    {
        if (_qualifiedTypeNames.TryGetValue((int)type, out var cached))
        {
            return cached;
        }

        var name = snapshot.TypeQualName(type) ?? "?";
        var module = snapshot.TypeModule(type);
        var moduleName = module == ObjId.None ? null : snapshot.ModuleName(module);
        var qualified = moduleName is null or "builtins" or "__builtin__" ? name : moduleName + "." + name;
        _qualifiedTypeNames[(int)type] = qualified;
        return qualified;
    }

    /// <summary>The label of an object, with its value when a scalar and its mark when marked.</summary>
    internal string Label(ObjId obj) => Label(obj, ValueOf(obj));

    internal ObjectSummary Summarize(ObjId obj)
    {
        RequireObject(obj);
        var details = snapshot.Details(obj);
        var kind = snapshot.KindOf(obj);
        return new ObjectSummary(
            obj,
            Label(obj, details.Value),
            ToObjectKind(kind),
            QualifiedTypeName(snapshot.TypeOf(obj)),
            snapshot.ShallowSize(obj),
            snapshot.RetainedSize(obj),
            details.Refcount,
            details.Len,
            details.Value,
            MarkOf(obj),
            kind == ObjKind.Type ? InstanceCount(obj) : null,
            snapshot.UnseenReferences(obj))
        {
            Immortal = details.IsImmortal,
            IsNew = NewObjects?.Contains(obj) == true,
        };
    }

    /// <summary>Throws a one-line <see cref="QueryException"/> unless the id names an object.</summary>
    internal void RequireObject(ObjId obj)
    {
        if (!snapshot.IsObject(obj))
        {
            throw new QueryException($"no object with id: {(int)obj} (ids are 0 to {snapshot.ObjectCount - 1:N0})");
        }
    }

    internal long InstanceCount(ObjId type)
    {
        if (_instanceCounts is null)
        {
            _instanceCounts = [];
            foreach (var total in snapshot.TypeTotals())
            {
                _instanceCounts[(int)total.Type] = total.InstanceCount;
            }
        }

        return _instanceCounts.GetValueOrDefault((int)type);
    }

    /// <summary>The object's marks in the order they were set, comma-separated (one object may carry several), or null.</summary>
    internal string? MarkOf(ObjId obj)
    {
        if (_marksByObject is null)
        {
            _marksByObject = [];
            foreach (var (mark, marked) in snapshot.Marks())
            {
                _marksByObject[(int)marked] = _marksByObject.TryGetValue((int)marked, out var earlier) ? earlier + ", " + mark : mark;
            }
        }

        return _marksByObject.GetValueOrDefault((int)obj);
    }

    /// <summary>Marks changed: re-read them on next use.</summary>
    internal void ForgetMarks() => _marksByObject = null;

    /// <summary>The short value of a scalar (str text, repr of others), or null.</summary>
    internal string? ValueOf(ObjId obj) => snapshot.Details(obj).Value;

    /// <summary>A scalar's value as Python would print it in a literal: <c>'os'</c> for str, <c>3</c> for int.</summary>
    internal string? LiteralOf(ObjId obj)
    {
        var value = ValueOf(obj);
        if (value is null)
        {
            return null;
        }

        return IsStr(obj) ? PythonRepr.Str(PythonRepr.Shorten(value)) : PythonRepr.Shorten(value);
    }

    internal static ObjectKind ToObjectKind(ObjKind kind) => kind switch
    {
        ObjKind.Type => ObjectKind.Type,
        ObjKind.Module => ObjectKind.Module,
        ObjKind.Function => ObjectKind.Function,
        ObjKind.Frame => ObjectKind.Frame,
        _ => ObjectKind.Instance,
    };

    private bool IsStr(ObjId obj) => QualifiedTypeName(snapshot.TypeOf(obj)) == "str";

    private string Label(ObjId obj, string? value)
    {
        var id = ((int)obj).ToString(CultureInfo.InvariantCulture);
        var core = snapshot.KindOf(obj) switch
        {
            ObjKind.Type => $"type {QualifiedTypeName(obj)}#{id}",
            ObjKind.Module => $"module {snapshot.ModuleName(obj) ?? "?"}#{id}",
            ObjKind.Function => $"function {snapshot.FunctionName(obj) ?? "?"}#{id}",
            ObjKind.Frame => $"frame {snapshot.Frame(obj)?.CodeName ?? "?"}#{id}",
            ObjKind.Code => $"code {snapshot.CodeName(obj) ?? "?"}#{id}",
            _ => $"{QualifiedTypeName(snapshot.TypeOf(obj))}#{id}",
        };
        if (value is not null)
        {
            core += " " + (IsStr(obj) ? PythonRepr.Str(PythonRepr.Shorten(value)) : PythonRepr.Shorten(value));
        }

        if (MarkOf(obj) is { } mark)
        {
            core += " {" + mark + "}";
        }

        return "<" + core + ">";
    }
}
