namespace Objex.Cli.Repl;

/// <summary>
/// Where the user is: the current object, the back/forward history of visited objects, and the numbered
/// options the last listing printed (typing a number goes to one).
/// </summary>
internal sealed class ReplState(int start)
{
    private readonly List<int> _visited = [start];
    private readonly List<int> _options = [];
    private int _position;

    internal int Current => _visited[_position];

    /// <summary>Goes to an object, dropping any forward history (as a browser does).</summary>
    internal void GoTo(int id)
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

    /// <summary>Starts a new numbered listing: the previous listing's numbers stop working.</summary>
    internal void ClearOptions() => _options.Clear();

    /// <summary>Adds an option and returns its number (1-based).</summary>
    internal int AddOption(int target)
    {
        _options.Add(target);
        return _options.Count;
    }

    internal int OptionCount => _options.Count;

    /// <summary>The object behind option <paramref name="number"/> (1-based), or null when there is no such option.</summary>
    internal int? Option(int number) => number >= 1 && number <= _options.Count ? _options[number - 1] : null;
}
