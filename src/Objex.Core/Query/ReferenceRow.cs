namespace Objex.Query;

/// <summary>
/// One reference seen from the current object: for <c>in</c> the referrer, for <c>out</c> the referent.
/// </summary>
/// <param name="Edge">The reference rendered for display: <c>.__doc__</c>, <c>[3]</c>, <c>['os']</c>, <c>[&lt;Key#12&gt;]</c>,
/// <c>.locals['x']</c>, <c>()</c> for a weakref, <c>&lt;unlabelled reference&gt;</c> when the collector could not label it.</param>
/// <param name="Other">The object at the other end.</param>
/// <param name="Kind">Strong, weak, or strong-but-not-a-root-path.</param>
public sealed record ReferenceRow(string Edge, ObjectSummary Other, ReferenceKind Kind);
