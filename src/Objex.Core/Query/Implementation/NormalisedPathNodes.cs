using System.Text;

namespace Objex.Query;

/// <summary>
/// The interned normalised paths: a trie whose node is (parent node, step), so a path costs one node however
/// many objects share it. A path of more than <see cref="NormalisedRootPath.MaxSteps"/> steps is a node of its own
/// kind, (its first <see cref="NormalisedRootPath.KeptSteps"/> steps, its last <see cref="NormalisedRootPath.KeptSteps"/>
/// steps): extending it shifts the tail, so a node 100,000 steps down a linked list costs what a short one does and
/// every node past the first few shares one path, <c>….next.next</c>. Steps are interned strings.
/// </summary>
internal sealed class NormalisedPathNodes
{
    /// <summary>A list or tuple index, or a dict entry with a scalar key.</summary>
    internal const string AnyItem = "[*]";

    /// <summary>A set member.</summary>
    internal const string AnyMember = "*";

    /// <summary>An object's attribute dict: left out of the text when an attribute (<c>.name</c>) follows.</summary>
    internal const string DictStep = ".__dict__";

    private const string Ellipsis = "…";
    private const int Kept = NormalisedRootPath.KeptSteps;
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly List<Node> _nodes = [];
    private readonly Dictionary<(int Parent, int Step), int> _whole = [];
    private readonly Dictionary<(int Head, Tail Tail), int> _elided = [];
    private readonly List<string> _steps = [];
    private readonly Dictionary<string, int> _stepIds = [];

    /// <summary>The node of a root (its text is the root's: <c>&lt;module store&gt;</c>).</summary>
    internal int Root(string rootText) => Whole(-1, Intern(rootText), 0);

    /// <summary>The node of <paramref name="parent"/>'s path followed by <paramref name="step"/>.</summary>
    internal int Append(int parent, string step)
    {
        var id = Intern(step);
        var node = _nodes[parent];
        if (node.Head < 0 && node.Steps < NormalisedRootPath.MaxSteps)
        {
            return Whole(parent, id, node.Steps + 1);
        }

        Tail tail;
        int head;
        if (node.Head >= 0)
        {
            head = node.Head;
            tail = node.Tail.Shift(id);
        }
        else
        {
            // A whole path of MaxSteps steps grows one more: keep its first Kept and its last Kept - 1 plus the new one.
            Span<int> last = stackalloc int[Kept - 1];
            var current = parent;
            for (var i = Kept - 2; i >= 0; i--)
            {
                last[i] = _nodes[current].Step;
                current = _nodes[current].Parent;
            }

            while (_nodes[current].Steps > Kept)
            {
                current = _nodes[current].Parent;
            }

            head = current;
            tail = new Tail(last[0], last[1], last[2], last[3], last[4], id);
        }

        if (!_elided.TryGetValue((head, tail), out var existing))
        {
            existing = _nodes.Count;
            _nodes.Add(new Node(parent, id, NormalisedRootPath.MaxSteps + 1, head, tail, 0));
            var hash = FnvOffset;
            foreach (var text in Steps(existing))
            {
                hash = HashStep(hash, text);
            }

            _nodes[existing] = _nodes[existing] with { Hash = hash };
            _elided[(head, tail)] = existing;
        }

        return existing;
    }

    /// <summary>The node's last step (a root's text for a root).</summary>
    internal string StepText(int node) => _steps[_nodes[node].Step];

    /// <summary>The text of the root the node's path starts from.</summary>
    internal string RootToken(int node)
    {
        var current = _nodes[node].Head >= 0 ? _nodes[node].Head : node;
        while (_nodes[current].Parent >= 0)
        {
            current = _nodes[current].Parent;
        }

        return StepText(current);
    }

    internal bool IsElided(int node) => _nodes[node].Head >= 0;

    /// <summary>Nodes made so far (node numbers are <c>0 .. Count-1</c>).</summary>
    internal int Count => _nodes.Count;

    /// <summary>The path for people: root text, steps (an attribute's <c>.__dict__</c> left out), <c>…</c> where steps were left out.</summary>
    internal string Text(int node) => Render(Steps(node));

    /// <summary>FNV-1a (64 bits, 16 hex digits) of every step, separated: the same path gives the same key in any session or dump.</summary>
    internal string Key(int node) => KeyValue(node).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="Key"/> as a number, O(1): kept with each node, a whole path's hash continued from its parent's
    /// (FNV-1a is sequential), an elided one's computed over its steps when it is made. Grouping a million objects by
    /// key in <c>diff</c> rendered every path's steps to hash them: 0.8 s of the 1 M-object comparison.
    /// </summary>
    internal ulong KeyValue(int node) => _nodes[node].Hash;

    private static ulong HashStep(ulong hash, string step)
    {
        foreach (var c in step)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return (hash ^ 1) * FnvPrime;
    }

    /// <summary>
    /// The steps from <paramref name="ancestor"/> down to <paramref name="node"/> (<c>.items[*]</c>), or null when
    /// <paramref name="ancestor"/>'s path is not where <paramref name="node"/>'s starts, or either is elided.
    /// </summary>
    internal string? TextBelow(int node, int ancestor)
    {
        if (IsElided(node) || IsElided(ancestor) || _nodes[node].Steps <= _nodes[ancestor].Steps)
        {
            return null;
        }

        var below = new List<string>(_nodes[node].Steps - _nodes[ancestor].Steps);
        var current = node;
        while (_nodes[current].Steps > _nodes[ancestor].Steps)
        {
            below.Add(StepText(current));
            current = _nodes[current].Parent;
        }

        if (current != ancestor)
        {
            return null;
        }

        below.Reverse();
        return Render(below);
    }

    private static string Render(List<string> steps)
    {
        var text = new StringBuilder();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] == DictStep && i + 1 < steps.Count && steps[i + 1].StartsWith('.'))
            {
                continue;
            }

            // `.__closure__[*]` before the variable's own step (`.<closure payload>`) says nothing more
            if (steps[i] == ClosureSteps.Closure && i + 2 < steps.Count && steps[i + 1] == AnyItem
                && steps[i + 2].StartsWith(ClosureSteps.ClosurePrefix, StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            text.Append(steps[i]);
        }

        return text.ToString();
    }

    /// <summary>Every step, root first, <see cref="Ellipsis"/> where an elided node left steps out.</summary>
    private List<string> Steps(int node)
    {
        var steps = new List<string>(NormalisedRootPath.MaxSteps + 2);
        var n = _nodes[node];
        var tailOf = n.Head >= 0 ? n.Tail : default;
        for (var current = n.Head >= 0 ? n.Head : node; current >= 0; current = _nodes[current].Parent)
        {
            steps.Add(StepText(current));
        }

        steps.Reverse();
        if (n.Head >= 0)
        {
            steps.Add(Ellipsis);
            foreach (var id in tailOf.Ids())
            {
                steps.Add(_steps[id]);
            }
        }

        return steps;
    }

    private int Whole(int parent, int step, int steps)
    {
        if (!_whole.TryGetValue((parent, step), out var node))
        {
            node = _nodes.Count;
            _nodes.Add(new Node(parent, step, steps, -1, default, HashStep(parent < 0 ? FnvOffset : _nodes[parent].Hash, _steps[step])));
            _whole[(parent, step)] = node;
        }

        return node;
    }

    private int Intern(string step)
    {
        if (!_stepIds.TryGetValue(step, out var id))
        {
            id = _steps.Count;
            _steps.Add(step);
            _stepIds[step] = id;
        }

        return id;
    }

    /// <summary>A path node: the node it extends (for an elided node, the first one that made it), its last step,
    /// its number of steps, for an elided node its head (the node of its first steps) and its last steps, and its key's hash.</summary>
    private readonly record struct Node(int Parent, int Step, int Steps, int Head, Tail Tail, ulong Hash);

    /// <summary>The last <see cref="NormalisedRootPath.KeptSteps"/> steps of an elided path, oldest first.</summary>
    private readonly record struct Tail(int S0, int S1, int S2, int S3, int S4, int S5)
    {
        internal Tail Shift(int step) => new(S1, S2, S3, S4, S5, step);

        internal int[] Ids() => [S0, S1, S2, S3, S4, S5];
    }
}
