using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace NmosdLearn.Web.Features.Certificates.Identity;

/// <summary>
/// The checks a logo or signature image passes before it is stored. A problem is English text for the localizer, with
/// at most one argument.
/// </summary>
public static partial class IdentityImages
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxPixelsPerSide = 2000;
    public const string Png = "image/png";
    public const string Svg = "image/svg+xml";

    public sealed record Problem(string Text, string? Argument = null);

    /// <summary>PNG by its signature and header: 1 to 2,000 pixels a side, and a file the certificate's PDF library reads.</summary>
    public static Problem? CheckPng(byte[] bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return new("The file is larger than 256 KB: make it smaller.");
        }

        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        // The first chunk of every PNG is its 13-byte header (IHDR) with the width and height.
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(signature) || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8)
            || BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)) != 13)
        {
            return new("The file is not a PNG image: save it as PNG and choose it again.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        if (width is < 1 or > MaxPixelsPerSide || height is < 1 or > MaxPixelsPerSide)
        {
            return new("The image may be at most {0} pixels wide and high.", MaxPixelsPerSide.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Only after the header is known to be small: the PDF library must be able to draw what the certificate prints.
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var image = PdfSharp.Drawing.XImage.FromStream(stream);
            return image.PixelWidth == width && image.PixelHeight == height ? null : new("The file is not a PNG image: save it as PNG and choose it again.");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return new("The PNG image cannot be read: save it again from an image editor.");
        }
    }

    /// <summary>
    /// SVG is refused, not cleaned, when it holds anything that could run or fetch: a cleaned logo would silently differ
    /// from the file the administrator chose (a missing part looks like a broken logo nobody explains), and the refusal
    /// names what to remove. Only the drawing elements of SVG are allowed; references may point inside the file only.
    /// The file is also served with a policy that runs nothing, in case a browser reads it in a way this misses.
    /// </summary>
    public static Problem? CheckSvg(byte[] bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return new("The file is larger than 256 KB: make it smaller.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new("The SVG file is not UTF-8 text.");
        }

        if (text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || text.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
        {
            return new("The SVG file has a DOCTYPE or entities, which can read other files: save it as plain SVG without them.");
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, MaxCharactersInDocument = MaxBytes };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var root = true;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.ProcessingInstruction)
                {
                    return new("The SVG file has a processing instruction ({0}): save it as plain SVG.", reader.Name);
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (root && (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace))
                {
                    return new("The file is not an SVG image: its first element must be <svg> in the SVG namespace.");
                }

                root = false;
                if (reader.NamespaceURI != SvgNamespace || !AllowedElements.Contains(reader.LocalName))
                {
                    return new("The SVG element <{0}> is not allowed in a logo: scripts, links, styles, animations, embedded images and HTML could run or fetch something. Remove it.", reader.Name);
                }

                if (CheckAttributes(reader) is { } problem)
                {
                    return problem;
                }
            }

            return root ? new("The file is not an SVG image: its first element must be <svg> in the SVG namespace.") : null;
        }
        catch (XmlException exception)
        {
            return new("The SVG file is not well-formed XML: {0}", exception.Message);
        }
    }

    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>Shapes, text, gradients and grouping: what a logo is drawn with, and nothing that runs, links, loads or animates.</summary>
    private static readonly HashSet<string> AllowedElements =
    [
        "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
    ];

    private static Problem? CheckAttributes(XmlReader reader)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return null;
        }

        do
        {
            if (reader.Prefix == "xmlns" || reader.Name == "xmlns")
            {
                continue;
            }

            if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                return new("The SVG attribute {0} runs a script: remove it.", reader.Name);
            }

            if (reader.LocalName == "href" && !reader.Value.TrimStart().StartsWith('#'))
            {
                return new("The SVG attribute {0} points outside the file: a logo may refer only to its own parts (#id).", reader.Name);
            }

            if (reader.Value.Contains("@import", StringComparison.OrdinalIgnoreCase)
                || CssUrl().Matches(reader.Value).Any(url => !url.Groups[1].Value.StartsWith('#')))
            {
                return new("A url(...) in the SVG attribute {0} points outside the file: a logo may refer only to its own parts (#id).", reader.Name);
            }
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
        return null;
    }

    [GeneratedRegex("""url\(\s*['"]?\s*([^)'"\s]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
