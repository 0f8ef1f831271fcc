namespace Objex.Cli.Tests;

/// <summary>A test that starts processes as another user (setpriv) or in a namespace of their own (unshare) and so needs root, skipped with a message saying so otherwise.</summary>
public sealed class AsRootFactAttribute : FactAttribute
{
    public AsRootFactAttribute()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv") || !File.Exists("/usr/bin/unshare") || !File.Exists("/usr/bin/python3"))
        {
            Skip = "needs root, setpriv, unshare and /usr/bin/python3 to run a service as another user or in another namespace: not tested here";
        }
    }
}
