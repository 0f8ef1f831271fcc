using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Renders a reference label for display, as the original objex did and better: a sequence index <c>3</c>
/// becomes <c>[3]</c>; a dict entry <c>@&lt;key id&gt;</c> becomes <c>['os']</c> when the key is a scalar
/// (else <c>[&lt;Key#12&gt;]</c>); the collector's <c>&lt;unlabelled&gt;</c> says so; everything else
/// (<c>.attr</c>, <c>.locals['x']</c>, <c>*</c>, <c>()</c>, <c>&lt;key&gt;</c>) shows as recorded.
/// </summary>
internal sealed class EdgeText(HeapSnapshot snapshot, Labeler labeler)
{
    /// <summary>What a reference the collector could not label shows as.</summary>
    internal const string Unlabelled = "<unlabelled reference>";

    internal string Render(EdgeId edge) => Render(snapshot.EdgeLabel(edge));

    internal string Render(string label)
    {
        if (label.Length == 0 || label == "<unlabelled>")
        {
            return Unlabelled;
        }

        if (char.IsAsciiDigit(label[0]))
        {
            return "[" + label + "]";
        }

        if (label[0] == '@' && int.TryParse(label.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key))
        {
            var keyObj = (ObjId)key;
            if (!snapshot.IsObject(keyObj))
            {
                return "[<missing key #" + label[1..] + ">]";
            }

            return "[" + (labeler.LiteralOf(keyObj) ?? labeler.Label(keyObj)) + "]";
        }

        // The original's analysis added `__class__` without the dot; show it as the attribute it is.
        return label == "__class__" ? ".__class__" : label;
    }

    /// <summary>The key object of a dict-entry label (<c>@123</c>), or <see cref="ObjId.None"/>.</summary>
    internal static ObjId DictKey(string label) =>
        label.Length > 1 && label[0] == '@' && int.TryParse(label.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? (ObjId)key
            : ObjId.None;
}
