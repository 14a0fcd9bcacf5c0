using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;
using UglyToad.PdfPig;
using static NmosdLearn.Web.Tests.Certificates.PdfReading;

namespace NmosdLearn.Web.Tests.Certificates;

public sealed class TranscriptPdfTests
{
    private static readonly DateTimeOffset ProducedAt = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Certificate Completed(int year, int month, decimal credits, string title, CertificateKind kind = CertificateKind.Credit)
    {
        var certificate = Records.Certificate(title: title, kind: kind);
        certificate.CompletedOn = new DateOnly(year, month, 1);
        certificate.Credits = credits;
        return certificate;
    }

    [Fact]
    public void A_long_transcript_runs_over_numbered_pages_and_keeps_every_row_and_total()
    {
        var certificates = Enumerable.Range(0, 70)
            .Select(i => Completed(2020 + i % 5, 1 + i % 12, 0.5m, $"Activity number {i:D2} on neuromyelitis optica spectrum disorder and its pain"))
            .ToList();

        var pdf = new TranscriptPdf().Render(new TranscriptLearner("Zoë O'Brien-Ånström", "MD"), certificates, "NmosdLearn", ProducedAt, Records.BaseUrl, "en");

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages > 1, "70 rows need more than one page");
        var pages = document.GetPages().ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Count}", Lines(pages[i]));
        }

        var text = Squash(string.Concat(pages.SelectMany(Lines)));
        Assert.All(certificates, c => Assert.Contains(c.Code, text));
        foreach (var year in Enumerable.Range(2020, 5))
        {
            Assert.Contains(Squash($"Total for {year}: 7 AMA PRA Category 1 Credit™"), text);
        }
    }

    [Fact]
    public void A_certificate_number_of_the_widest_letters_stays_on_one_line()
    {
        var certificate = Completed(2026, 3, 1m, "Pain in NMOSD");
        certificate.Code = "WWWWWWWWWWWWWWWWWWWWWW";

        var lines = Lines(new TranscriptPdf().Render(new TranscriptLearner("Ana", "MD"), [certificate], "NmosdLearn", ProducedAt, Records.BaseUrl, "en"));

        Assert.Contains(lines, line => line.Contains(certificate.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void Credit_and_participation_are_totalled_separately_and_in_chinese_for_a_chinese_learner()
    {
        var certificates = new[]
        {
            Completed(2026, 3, 1.5m, "视神经脊髓炎谱系疾病的疼痛管理"),
            Completed(2026, 5, 0.25m, "How NmosdLearn works", CertificateKind.Completion),
        };

        var lines = Lines(new TranscriptPdf().Render(new TranscriptLearner("张伟", "MD"), certificates, "NmosdLearn", ProducedAt, Records.BaseUrl, "zh-CN"));

        Assert.Contains("继续教育成绩单", lines);
        Assert.Contains("张伟", lines);
        Assert.Contains("生成日期：2026年11月24日", lines);
        Assert.Contains("2026 年合计：1.5 AMA PRA Category 1 Credit™; 学习时长 0.25 小时", lines);
    }

    [Fact]
    public void A_learner_without_certificates_gets_a_transcript_that_says_so()
    {
        var lines = Lines(new TranscriptPdf().Render(new TranscriptLearner("Ana Müller", "RN"), [], "NmosdLearn", ProducedAt, Records.BaseUrl, "en"));

        Assert.Contains("No certificates yet.", lines);
        Assert.Contains("Page 1 of 1", lines);
    }
}
