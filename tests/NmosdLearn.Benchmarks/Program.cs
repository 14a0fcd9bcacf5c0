using System.Diagnostics;
using System.Globalization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;

// Not a test: timings depend on the machine, so nothing here passes or fails. Run in Release:
//   dotnet run -c Release --project tests/NmosdLearn.Benchmarks -- certificates [--save FOLDER]
//   dotnet run -c Release --project tests/NmosdLearn.Benchmarks -- render
if (args.FirstOrDefault() == "render")
{
    return RenderBenchmark.Run(RepositoryRoot(), Option("--iterations") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 50);
}

if (args.FirstOrDefault() != "certificates")
{
    Console.Error.WriteLine("usage: NmosdLearn.Benchmarks certificates [--iterations N] [--save FOLDER] | render [--iterations N]");
    return 2;
}

var iterations = Option("--iterations") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1000;
const int warmUp = 100;
var pdf = new CertificatePdf();
var samples = CertificateSamples.All();

if (Option("--save") is { } folder)
{
    Directory.CreateDirectory(folder);
    foreach (var (name, certificate) in samples)
    {
        var path = Path.Combine(folder, $"{name}.pdf");
        File.WriteAllBytes(path, pdf.Render(certificate, Url(certificate)));
        Console.WriteLine($"wrote {path}");
    }
}

for (var i = 0; i < warmUp; i++)
{
    var certificate = samples[i % samples.Count].Certificate;
    pdf.Render(certificate, Url(certificate));
}

var times = new double[iterations];
long bytes = 0;
var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
var gen2Before = GC.CollectionCount(2);
for (var i = 0; i < iterations; i++)
{
    var certificate = samples[i % samples.Count].Certificate;
    var started = Stopwatch.GetTimestamp();
    bytes += pdf.Render(certificate, Url(certificate)).Length;
    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

var allocatedPerRender = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / iterations;
var gen2Collections = GC.CollectionCount(2) - gen2Before;
Array.Sort(times);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"certificate PDF: {iterations} renders after {warmUp} warm-up, {samples.Count} sample records in turn"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median {Percentile(0.50):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {times[^1]:0.00} ms, mean size {bytes / iterations / 1024.0:0} KB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"allocated {allocatedPerRender / 1024.0 / 1024.0:0.0} MB per render, {gen2Collections} gen-2 collections"));
#if DEBUG
Console.WriteLine("(Debug build: run with -c Release for representative figures.)");
#endif
return 0;

double Percentile(double p) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NmosdLearn.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string Url(Certificate certificate) => CertificateService.VerificationUrl("https://learn.example.org", certificate.Code);

/// <summary>Realistic records: Latin, Chinese and mixed names, short and long titles, credit and completion.</summary>
internal static class CertificateSamples
{
    public static List<(string Name, Certificate Certificate)> All() =>
    [
        ("latin-credit", Make("Zoë O'Brien-Ånström", "MD", "Pain in neuromyelitis optica spectrum disorder: assessment and management", "en", CertificateKind.Credit)),
        ("chinese-completion", Make("张伟", "RN", "视神经脊髓炎谱系疾病的疼痛管理", "zh-CN", CertificateKind.Completion)),
        ("long-mixed", Make(
            "Maria-Dolores de los Ángeles Fernández-Castillo y Rodríguez-Quintana 王晓明 Nguyễn Thị Thu Hà",
            "MBBS",
            "Recognising, assessing and treating neuropathic pain, tonic spasms, spasticity and itch in neuromyelitis optica spectrum disorder across the course of the disease: a practical update for neurologists, pain specialists, nurses and pharmacists 视神经脊髓炎谱系疾病",
            "en", CertificateKind.Credit)),
    ];

    private static Certificate Make(string name, string profession, string title, string language, CertificateKind kind) => new()
    {
        Id = Guid.NewGuid(),
        Code = CertificateService.NewCode(),
        Kind = kind,
        UserId = "benchmark",
        RecipientName = name,
        Profession = profession,
        Provider = "Example Provider",
        CourseId = "nmosd-pain",
        CourseTitle = title,
        Format = language == "zh-CN" ? "持续性学习材料，在线" : "Enduring material, online",
        ContentVersion = "3f9a2c41d07e",
        Language = language,
        CreditType = "AMA PRA Category 1 Credit™",
        Credits = 1.5m,
        CreditDesignation = "Example Provider designates this enduring material for a maximum of 1.5 AMA PRA Category 1 Credits™. Physicians should claim only the credit commensurate with the extent of their participation in the activity.",
        AccreditationStatement = "Example Provider (a fictional provider used only in tests) is accredited by the Accreditation Council for Continuing Medical Education (ACCME) to provide continuing medical education for physicians.",
        CompletedOn = new DateOnly(2026, 11, 20),
        IssuedAt = new DateTimeOffset(2026, 11, 20, 14, 5, 0, TimeSpan.Zero),
        Revision = kind == CertificateKind.Credit ? 1 : 2,
    };
}
