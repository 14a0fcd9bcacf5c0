using PdfSharp.Fonts;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// PDFsharp finds no system fonts on Linux, so every face comes from here, shipped inside the
/// assembly with its licence. WenQuanYi Micro Hei covers Latin with most diacritics and Chinese;
/// DejaVu Sans stands in, letter by letter, for what it lacks (Romanian ș/ț with comma, Azerbaijani ə,
/// transliteration letters such as ḥ, most Greek). Bold is simulated, which keeps one file per family.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "WenQuanYi Micro Hei";
    public const string FallbackFamily = "DejaVu Sans";

    private const string PrimaryFace = "wqy-microhei";
    private const string FallbackFace = "dejavu-sans";

    private static readonly Lazy<byte[]> PrimaryBytes = new(() => Load("NmosdLearn.Fonts.WenQuanYiMicroHei.ttf"));
    private static readonly Lazy<byte[]> FallbackBytes = new(() => Load("NmosdLearn.Fonts.DejaVuSans.ttf"));

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(familyName == FallbackFamily ? FallbackFace : PrimaryFace, bold, italic);

    public byte[] GetFont(string faceName) => faceName == FallbackFace ? FallbackBytes.Value : PrimaryBytes.Value;

    private static byte[] Load(string resource)
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The certificate font {resource} is missing from the assembly.");
        // Read at its exact size: a growing MemoryStream left about 12 MB of discarded buffers for the 4.6 MB font.
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static readonly Lock InstallLock = new();

    /// <summary>PDFsharp's font resolver is process-wide and may be set only once.</summary>
    public static void Install()
    {
        lock (InstallLock)
        {
            if (GlobalFontSettings.FontResolver is not CertificateFonts)
            {
                GlobalFontSettings.FontResolver = new CertificateFonts();
            }
        }
    }
}
