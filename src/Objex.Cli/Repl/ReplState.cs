using Objex.Snapshot;

namespace Objex.Cli.Repl;

/// <summary>
/// Where the user is: the current object, the back/forward history of visited objects, and the numbered
/// options the last listing printed (typing a number goes to one).
/// </summary>
internal sealed class ReplState(ObjId start)
{
    private readonly List<ObjId> _visited = [start];
    private readonly List<ObjId> _options = [];
    private int _position;

    internal ObjId Current => _visited[_position];

    /// <summary>Goes to an object, dropping any forward history (as a browser does).</summary>
    internal void GoTo(ObjId id)
    {
        _visited.RemoveRange(_position + 1, _visited.Count - _position - 1);
        _visited.Add(id);
        _position++;
    }

    internal bool Back()
    {
        if (_position == 0)
        {
            return false;
        }

        _position--;
        return true;
    }

    internal bool Forward()
    {
        if (_position == _visited.Count - 1)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>Starts a new numbered listing: the previous listing's numbers stop working, and so does <c>more</c>.</summary>
    internal void ClearOptions()
    {
        _options.Clear();
        More = null;
    }

    /// <summary>Prints the next page of the last paged listing (<c>more</c>); null when there is none.</summary>
    internal Action? More { get; set; }

    /// <summary>Adds an option and returns its number (1-based).</summary>
    internal int AddOption(ObjId target)
    {
        _options.Add(target);
        return _options.Count;
    }

    internal int OptionCount => _options.Count;

    /// <summary>The object behind option <paramref name="number"/> (1-based), or null when there is no such option.</summary>
    internal ObjId? Option(int number) => number >= 1 && number <= _options.Count ? _options[number - 1] : null;
}
