using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>The one place certificates are created: what it copies and which kind it gives.</summary>
[Collection(AppCollection.Name)]
public sealed class CertificateServiceTests(AppFactory app)
{
    private static AppUser Learner(string profession, string name = "Test Learner") =>
        new() { Id = Guid.NewGuid().ToString(), FullName = name, Profession = profession };

    [Theory]
    [InlineData("MD", CertificateKind.Credit)]
    [InlineData("DO", CertificateKind.Credit)]
    [InlineData("MBBS", CertificateKind.Credit)]
    [InlineData("RN", CertificateKind.Completion)]
    [InlineData("PharmD", CertificateKind.Completion)]
    [InlineData("Other", CertificateKind.Completion)]
    public void Physician_credit_goes_to_the_professions_it_covers_and_completion_to_the_others(string profession, CertificateKind kind)
    {
        using var scope = app.Services.CreateScope();

        var certificate = scope.ServiceProvider.GetRequiredService<CertificateService>()
            .Create(Learner(profession), Records.AmaCourse(), new DateOnly(2026, 11, 20), 1.5m);

        Assert.Equal(kind, certificate.Kind);
    }

    [Fact]
    public void A_certificate_copies_everything_it_prints_from_the_learner_and_the_course()
    {
        using var scope = app.Services.CreateScope();
        var course = Records.AmaCourse();

        var certificate = scope.ServiceProvider.GetRequiredService<CertificateService>()
            .Create(Learner("MD", "Zoë O'Brien-Ånström"), course, new DateOnly(2026, 11, 20), 1.25m);

        Assert.Equal("Zoë O'Brien-Ånström", certificate.RecipientName);
        Assert.Equal("MD", certificate.Profession);
        Assert.Equal("NmosdLearn", certificate.Provider);
        Assert.Equal(course.Info.Title, certificate.CourseTitle);
        Assert.Equal("Enduring material, online", certificate.Format);
        Assert.Equal(course.ContentVersion, certificate.ContentVersion);
        Assert.Equal(Records.AmaCredit, certificate.CreditType);
        Assert.Equal(1.25m, certificate.Credits);
        Assert.Equal(Records.Designation, certificate.CreditDesignation);
        Assert.Equal(Records.Accreditation, certificate.AccreditationStatement);
        Assert.Equal(1, certificate.Revision);
        Assert.True(CertificateService.IsWellFormedCode(certificate.Code));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1.75)]
    public void Credits_must_be_more_than_zero_and_no_more_than_the_course_offers(decimal credits)
    {
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<CertificateService>();

        Assert.Throws<ArgumentOutOfRangeException>(() => service.Create(Learner("MD"), Records.AmaCourse(1.5m), new DateOnly(2026, 11, 20), credits));
    }
}
