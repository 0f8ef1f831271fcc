namespace Objex.Query;

/// <summary>What an object is, as far as labels and colours care.</summary>
public enum ObjectKind
{
    /// <summary>An ordinary instance: labelled <c>&lt;type#id&gt;</c> (red in a terminal).</summary>
    Instance,

    /// <summary>A type object: <c>&lt;type qualname#id&gt;</c> (green in a terminal).</summary>
    Type,

    /// <summary>A module: <c>&lt;module name#id&gt;</c>.</summary>
    Module,

    /// <summary>A Python function: <c>&lt;function name#id&gt;</c>.</summary>
    Function,

    /// <summary>A frame: <c>&lt;frame co_name#id&gt;</c>.</summary>
    Frame,
}
