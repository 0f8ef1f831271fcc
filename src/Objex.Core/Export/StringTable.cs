namespace Objex.Export;

/// <summary>A snapshot file's <c>strings</c> array: each distinct text once, named by its index.</summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    internal IReadOnlyList<string> Strings => _strings;

    internal int Intern(string text)
    {
        if (!_index.TryGetValue(text, out var index))
        {
            index = _strings.Count;
            _index.Add(text, index);
            _strings.Add(text);
        }

        return index;
    }
}
