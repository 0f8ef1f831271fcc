using System.Text.RegularExpressions;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Shows an attribute held in an object's <c>__dict__</c> as the attribute it is: the dump records
/// <c>&lt;module os&gt; ─.__dict__─▶ dict ─['sep']─▶ str</c>, a person reads <c>&lt;module os&gt;.sep</c>
/// (the seed's transcripts). Used for root paths and for the referrers <c>in</c> lists.
/// </summary>
internal sealed partial class AttributeView(HeapSnapshot snapshot, Labeler labeler)
{
    /// <summary>Referrers of a dict whose labels are read while looking for its owner; owners come first in practice.</summary>
    private const int MaxOwnerProbes = 64;

    /// <summary>
    /// For a dict entry edge (<c>@key</c>) whose key is an identifier str: the attribute name. Null otherwise.
    /// </summary>
    internal string? AttributeName(string label)
    {
        var key = EdgeText.DictKey(label);
        if (key == ObjId.None || !snapshot.IsObject(key) || labeler.QualifiedTypeName(snapshot.TypeOf(key)) != "str")
        {
            return null;
        }

        var name = labeler.ValueOf(key);
        return name is not null && Identifier().IsMatch(name) ? name : null;
    }

    /// <summary>
    /// The object whose <c>__dict__</c> this dict is, or <see cref="ObjId.None"/>. Functions and frames refer to
    /// module dicts as globals by the hundred, so their references are skipped without reading labels.
    /// </summary>
    internal ObjId DictOwner(ObjId dict)
    {
        var probes = 0;
        foreach (var edge in snapshot.InEdges(dict))
        {
            var source = snapshot.EdgeSource(edge);
            if (snapshot.KindOf(source) is ObjKind.Function or ObjKind.Frame or ObjKind.Code || snapshot.KindOf(edge) != EdgeKind.Strong)
            {
                continue;
            }

            if (snapshot.EdgeLabel(edge) == ".__dict__")
            {
                return source;
            }

            if (++probes == MaxOwnerProbes)
            {
                break;
            }
        }

        return ObjId.None;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
