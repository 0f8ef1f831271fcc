namespace Objex.Query;

/// <summary>What <c>top</c> ranks by.</summary>
public enum TopKind
{
    /// <summary>Types by number of instances (the row's object is the type).</summary>
    Types,

    /// <summary>Objects by shallow size.</summary>
    Size,

    /// <summary>Objects by number of references to them.</summary>
    Referenced,

    /// <summary>Objects by retained size.</summary>
    Retained,
}
