namespace Objex.Cli.Attach;

/// <summary>Why `attach` or `capture` cannot go on, in one line for the user (no stack trace).</summary>
internal sealed class AttachException(string message) : Exception(message);
