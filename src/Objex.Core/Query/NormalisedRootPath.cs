namespace Objex.Query;

/// <summary>
/// Where an object is held, with what varies between siblings left out: its nearest root's path (the one
/// <c>in</c> prints first) with sequence indexes and dict keys collapsed, <c>&lt;module store&gt;.ROOM_HISTORY[*][*]</c>.
/// Objects with the same normalised path sit in the same place of the program's data structures: the
/// grouping key of merged root paths (<c>in</c> on a type, <c>retained</c>), of accumulation points and of
/// matching holders across two dumps.
/// </summary>
/// <param name="Text">For people: the root as <c>&lt;module name&gt;</c> or <c>&lt;frame code_name&gt;</c> (no ids), then each
/// step: <c>.attr</c>, <c>[*]</c> for a list or tuple index and for a dict entry with a scalar key, <c>[&lt;Type&gt;]</c> for
/// one keyed by another object, <c>*</c> for a set member, <c>.locals['x']</c> and other labels as recorded; a path of
/// more than <see cref="MaxSteps"/> steps keeps its first and last <see cref="KeptSteps"/> with <c>…</c> between them.
/// <c>(no module or running frame reaches it)</c> when no root does.</param>
/// <param name="Key">A 64-bit hash of the normalised steps (FNV-1a) as 16 hex digits: equal for equal paths, in any
/// session and any dump, so it can key a map across two dumps (text, so JSON and JavaScript keep all its bits).</param>
/// <param name="IsElided">True when steps were left out of the middle.</param>
/// <param name="IsReached">False when no module or running frame reaches the object.</param>
public sealed record NormalisedRootPath(string Text, string Key, bool IsElided, bool IsReached)
{
    /// <summary>Steps a path keeps whole; a longer one keeps its first and last <see cref="KeptSteps"/>.</summary>
    public const int MaxSteps = 2 * KeptSteps;

    /// <summary>Steps kept at each end of a path longer than <see cref="MaxSteps"/>.</summary>
    public const int KeptSteps = 6;
}
