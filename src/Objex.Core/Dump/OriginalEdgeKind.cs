namespace Objex.Dump;

/// <summary>
/// Original objex dumps have no <c>reference.kind</c>: it is derived from the label. A frame's
/// <c>.f_globals</c> / <c>.f_builtins</c> and a function's <c>.__globals__</c> are namespace
/// edges (kind 2); everything else is strong (kind 0). One SQL expression, so the graph the
/// analysis reads and the column it adds to the dump's copy always agree.
/// </summary>
internal static class OriginalEdgeKind
{
    internal const string SqlExpression =
        "CASE WHEN substr(ref, 1, 10) = '.f_globals' OR substr(ref, 1, 11) = '.f_builtins' OR ref = '.__globals__' THEN 2 ELSE 0 END";
}
