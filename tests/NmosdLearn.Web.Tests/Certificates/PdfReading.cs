using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>Reads generated PDFs back as a person or a machine would.</summary>
public static class PdfReading
{
    /// <summary>The text of each printed line, top to bottom, letters in reading order.</summary>
    public static List<string> Lines(Page page) =>
        page.Letters
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .OrderByDescending(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)))
            .ToList();

    public static List<string> Lines(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(Lines).ToList();
    }

    /// <summary>Text without any whitespace, to find a sentence that the layout wrapped over several lines.</summary>
    public static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public static string SquashedText(byte[] pdf) => Squash(string.Concat(Lines(pdf)));

    /// <summary>Renders the first page with poppler and decodes every QR code on it with zbar.</summary>
    public static async Task<string> DecodeQrCodeAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("nmosdlearn-qr-");
        try
        {
            var file = Path.Combine(folder.FullName, "certificate.pdf");
            await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
            await RunAsync("pdftoppm", "-r", "150", "-png", "-singlefile", file, Path.Combine(folder.FullName, "page"));
            return (await RunAsync("zbarimg", "--quiet", "--raw", Path.Combine(folder.FullName, "page.png"))).Trim();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (tests/run.sh installs it)");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
