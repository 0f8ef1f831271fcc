using System.Globalization;

namespace Objex.Query;

/// <summary>Byte counts for people: <c>512 B</c>, <c>1.5 KiB</c>, <c>151.0 MiB</c>.</summary>
public static class ByteSize
{
    /// <summary>Formats a byte count with a binary unit and one decimal.</summary>
    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
