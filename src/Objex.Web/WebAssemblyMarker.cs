namespace Objex.Web;

/// <summary>Anchors this assembly until the web face (issue 5) lands.</summary>
public static class WebAssemblyMarker;
