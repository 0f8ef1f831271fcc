namespace Objex.Query;

/// <summary>
/// One growth entry of the session's baseline diff with objects a face can go to (the REPL's numbered <c>diff</c>
/// options, the web's comparison view).
/// </summary>
/// <param name="Entry">What grew: the type, the place, the counts and bytes.</param>
/// <param name="Sample">One of the grown objects: a new one when the entry has any.</param>
/// <param name="Holder">What holds the sample: the object its nearest root path's last step leaves (for
/// <c>&lt;module app&gt;.SESSIONS[*]</c>, the list); null when the sample is a root or no root reaches it.</param>
public sealed record GrowthTarget(GrowthEntry Entry, ObjectSummary Sample, ObjectSummary? Holder)
{
    /// <summary>Where a face goes for this entry: the holder, else the sample.</summary>
    public ObjectSummary Target => Holder ?? Sample;
}
