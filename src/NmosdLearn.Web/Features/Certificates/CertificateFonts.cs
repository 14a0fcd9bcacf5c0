using PdfSharp.Fonts;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// PDFsharp finds no system fonts on Linux, so every face comes from here: one TrueType face that
/// covers Latin (with diacritics) and Chinese, shipped inside the assembly with its licence.
/// Bold is simulated, which keeps one font file.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "WenQuanYi Micro Hei";
    private const string FaceName = "wqy-microhei";
    private static readonly Lazy<byte[]> FontBytes = new(LoadFont);

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, bold, italic);

    public byte[] GetFont(string faceName) => FontBytes.Value;

    private static byte[] LoadFont()
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream("NmosdLearn.Fonts.WenQuanYiMicroHei.ttf")
            ?? throw new InvalidOperationException("The certificate font is missing from the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
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
