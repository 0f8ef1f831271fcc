namespace Objex.Query;

/// <summary>
/// A question the query layer cannot answer because of what the user asked (bad id, no such attribute,
/// bad SQL): the message is one line meant for the user, and the session goes on.
/// </summary>
public sealed class QueryException : Exception
{
    /// <summary>Creates the exception with a one-line message for the user.</summary>
    public QueryException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public QueryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public QueryException() : base("query failed")
    {
    }
}
