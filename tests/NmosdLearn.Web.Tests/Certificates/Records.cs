using NmosdLearn.Content;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>Test data: certificate records and courses built in code, with realistic CME wording.</summary>
public static class Records
{
    public const string Accreditation =
        "Example Provider (a fictional provider used only in tests) is accredited by the Accreditation Council for Continuing Medical Education (ACCME) to provide continuing medical education for physicians.";

    public const string Designation =
        "Example Provider designates this enduring material for a maximum of 1.5 AMA PRA Category 1 Credits™. Physicians should claim only the credit commensurate with the extent of their participation in the activity.";

    public const string AmaCredit = "AMA PRA Category 1 Credit™";

    public const string BaseUrl = "https://learn.example.org";

    public static Certificate Certificate(
        string name = "Zoë O'Brien-Ånström",
        string profession = "MD",
        string title = "Pain in neuromyelitis optica spectrum disorder",
        string language = "en",
        CertificateKind kind = CertificateKind.Credit,
        int revision = 1) => new()
    {
        Id = Guid.NewGuid(),
        Code = CertificateService.NewCode(),
        Revision = revision,
        Kind = kind,
        UserId = "learner",
        RecipientName = name,
        Profession = profession,
        Provider = "NmosdLearn Test Provider",
        CourseId = "nmosd-pain",
        CourseTitle = title,
        Format = language == "zh-CN" ? "持续性学习材料，在线" : "Enduring material, online",
        ContentVersion = "3f9a2c41d07e",
        Language = language,
        CreditType = AmaCredit,
        Credits = 1.5m,
        CreditDesignation = Designation,
        AccreditationStatement = Accreditation,
        CompletedOn = new DateOnly(2026, 11, 20),
        IssuedAt = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero),
    };

    public static string VerificationUrl(Certificate certificate) => CertificateService.VerificationUrl(BaseUrl, certificate.Code);

    /// <summary>A course offering AMA PRA Category 1 credit, for the rules that depend on the credit type.</summary>
    public static Course AmaCourse(decimal credits = 1.5m, string id = "nmosd-pain", string title = "Pain in neuromyelitis optica spectrum disorder") => new(
        new CourseInfo
        {
            Id = id,
            Title = title,
            Language = "en",
            Version = "1.0.0",
            Summary = "Summary.",
            Audience = "Neurologists.",
            Objectives = ["Assess pain."],
            Faculty = [],
            CommercialSupport = "None.",
            Accreditation = Accreditation,
            CreditDesignation = Designation,
            Credits = credits,
            CreditType = AmaCredit,
            Minutes = 90,
            ReleaseDate = new DateOnly(2026, 1, 1),
            ReviewDate = new DateOnly(2026, 1, 1),
            ExpiryDate = new DateOnly(2028, 1, 1),
            PassingScore = 70,
            AttemptLimit = 3,
            References = [],
        },
        "3f9a2c41d07e", new NmosdLearn.Content.Loading.CourseFiles([]), [], [], null, new Assessment("post-test.md", "Post-test", [], [], []));
}
