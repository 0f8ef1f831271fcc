namespace Objex.Query;

/// <summary>One line of the RSS breakdown.</summary>
/// <param name="Key">Its name in JSON (<c>python_objects</c>: the field is <c>python_objects_bytes</c>).</param>
/// <param name="Name">What a person reads (<c>Python objects</c>).</param>
/// <param name="ShortName">The banner's one-line form's word (<c>objects</c>).</param>
/// <param name="Bytes">Resident bytes.</param>
/// <param name="Source">Where the figure comes from, in a few words.</param>
public sealed record RssPart(string Key, string Name, string ShortName, long Bytes, string Source);
