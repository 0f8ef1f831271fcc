using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// One object as every face shows it: the rendered label and the per-object facts.
/// Small and flat so that the REPL prints it and the web API serialises it as is.
/// </summary>
/// <param name="Id">Dense object id (the dump's <c>object.id</c>).</param>
/// <param name="Label">Rendered label, e.g. <c>&lt;str#4774 'normpath'&gt;</c>, <c>&lt;module os#12&gt;</c>, with a mark in braces when the object is marked.</param>
/// <param name="Kind">What kind of object the label names (drives colour).</param>
/// <param name="TypeName">The type's name, qualified by module unless builtin (e.g. <c>dict</c>, <c>app.models.Order</c>).</param>
/// <param name="Size">Shallow size in bytes.</param>
/// <param name="Retained">Retained size in bytes (what would be freed with it), or null when the analysis has none.</param>
/// <param name="Refcount">Reference count as the collector saw it (meaningless when <see cref="Immortal"/>).</param>
/// <param name="Length">len() for containers, str and bytes; null otherwise.</param>
/// <param name="Value">Short value of a scalar (str text, repr of numbers and bytes); null otherwise.</param>
/// <param name="Mark">The user's marks on the object (<c>a, b</c> when it carries two), or null.</param>
/// <param name="Instances">For a type object, how many instances it has; null for other objects.</param>
/// <param name="UnseenReferences">
/// References its refcount counts that the dump could not see (refcount minus the references found): held from C
/// code (an <c>atexit</c> callback list, a C extension's state, a running frame's value stack). 0 when none, for
/// immortal objects and in the original objex's dumps.
/// </param>
public sealed record ObjectSummary(
    ObjId Id,
    string Label,
    ObjectKind Kind,
    string TypeName,
    long Size,
    long? Retained,
    long Refcount,
    long? Length,
    string? Value,
    string? Mark,
    long? Instances,
    int UnseenReferences = 0)
{
    /// <summary>
    /// An immortal object (3.12+: None, small ints, interned strings…): its refcount field holds a marker, not a
    /// count, so it is shown as <c>refcount=immortal</c>.
    /// </summary>
    public bool Immortal { get; init; }

    /// <summary>
    /// True when the session has a baseline (an earlier dump of the same process, <see cref="QuerySession.AttachBaseline"/>)
    /// and the object was not in it: created since. Always false without a baseline.
    /// </summary>
    public bool IsNew { get; init; }

    /// <summary>The refcount as every face shows it: the number, or <c>immortal</c>.</summary>
    public string RefcountText => Immortal ? "immortal" : Refcount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The original objex's info string: <c>(size=64, refcount=5)</c>, <c>(size=81, refcount=4, len=48)</c>,
    /// or <c>(instances=1,024)</c> for a type.
    /// </summary>
    public string InfoText => (Instances, Length) switch
    {
        ({ } instances, _) => $"(instances={instances:N0})",
        (null, { } len) => $"(size={Size}, refcount={RefcountText}, len={len})",
        _ => $"(size={Size}, refcount={RefcountText})",
    };
}
