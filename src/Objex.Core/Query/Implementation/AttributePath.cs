namespace Objex.Query;

/// <summary>
/// Splits what follows an object in a <c>go</c> target into steps: <c>.name</c>, <c>[3]</c>, <c>['key']</c>,
/// so <c>.loggers[0]._sinks['x']</c> is four steps. A step keeps its text as typed; matching is
/// <see cref="TargetResolver"/>'s job.
/// </summary>
internal static class AttributePath
{
    /// <exception cref="QueryException">Unbalanced brackets or quotes.</exception>
    internal static List<string> Split(string path)
    {
        var steps = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            var start = i;
            if (path[i] == '.')
            {
                i++;
                while (i < path.Length && path[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i == start + 1)
                {
                    throw new QueryException($"empty attribute name in: {path}");
                }
            }
            else if (path[i] == '[')
            {
                i = ClosingBracket(path, i) + 1;
            }
            else
            {
                throw new QueryException($"expected .name or [index] at '{path[i..]}' in: {path}");
            }

            steps.Add(path[start..i]);
        }

        return steps;
    }

    /// <summary>The text between a step's brackets, unquoted when it is a quoted string: <c>['os']</c> → <c>os</c>.</summary>
    internal static (string Inner, bool Quoted) BracketContent(string step)
    {
        var inner = step[1..^1].Trim();
        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
        {
            return (inner[1..^1], true);
        }

        return (inner, false);
    }

    private static int ClosingBracket(string path, int open)
    {
        var quote = '\0';
        for (var i = open + 1; i < path.Length; i++)
        {
            var c = path[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        throw new QueryException($"unclosed [ in: {path}");
    }
}
