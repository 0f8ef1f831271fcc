using System.Text.RegularExpressions;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Matches type names for <c>find</c>: every type object in the heap, not only those in <c>type_stats</c>
/// (which has a row only for types with instances, so a class whose instances are all gone was never found).
/// The list is built once per session: the type_stats rows, largest retained first, then every other type
/// object with zero totals (one pass over the object kinds, O(N)). Matching reads cached names only.
/// </summary>
internal sealed class TypeFinder(HeapSnapshot snapshot, Labeler labeler)
{
    private List<TypeTotal>? _allTypes;

    /// <summary>Types whose module-qualified name contains <paramref name="pattern"/> (case-insensitive; <c>*</c>, <c>?</c> wildcards).</summary>
    internal List<TypeTotal> Match(string pattern, CancellationToken cancellationToken)
    {
        var regex = new Regex(
            Regex.Escape(pattern.Trim()).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var matches = new List<TypeTotal>();
        var types = AllTypes();
        for (var i = 0; i < types.Count; i++)
        {
            if ((i & 0xFFF) == 0xFFF)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (regex.IsMatch(labeler.QualifiedTypeName(types[i].Type)))
            {
                matches.Add(types[i]);
            }
        }

        return matches;
    }

    private List<TypeTotal> AllTypes()
    {
        if (_allTypes is not null)
        {
            return _allTypes;
        }

        var types = new List<TypeTotal>(snapshot.TypeTotals());
        var counted = new HashSet<ObjId>(types.Select(t => t.Type));
        for (var obj = 0; obj < snapshot.ObjectCount; obj++)
        {
            var id = (ObjId)obj;
            if (snapshot.KindOf(id) == ObjKind.Type && !counted.Contains(id))
            {
                types.Add(new TypeTotal(id, snapshot.TypeName(id) ?? "?", 0, 0, 0));
            }
        }

        return _allTypes = types;
    }
}
