using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NmosdLearn.Web.Tests.Certificates;
using UglyToad.PdfPig;
using static NmosdLearn.Web.Tests.Certificates.PdfReading;

namespace NmosdLearn.Web.Tests.Admin;

/// <summary>
/// The provider's identity (#34): an administrator sets the logo and the certificate's signatory; pages and
/// certificates show them; every file is checked before it is stored and served so that a browser cannot be made to
/// run it. A host of its own: the identity is the whole platform's.
/// </summary>
public sealed class ProviderIdentityTests(ProviderIdentityTests.Factory app) : IClassFixture<ProviderIdentityTests.Factory>
{
    public sealed class Factory : AppFactory;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_sets_the_logo_and_signatory_and_pages_and_new_certificates_show_them()
    {
        var admin = await app.SignedInAdminAsync();

        var saved = await admin.SaveIdentityAsync(logo: TestImages.Png(120, 40), logoName: "logo.png",
            signatoryName: "Dr Mei Chen", signatoryTitle: "Course Director, NMOSD Centre", signature: TestImages.Png(200, 60));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = await app.CreateTestClient().GetPageAsync("/courses");
        var logo = TestImages.LogoSrc().Match(home);
        Assert.True(logo.Success, "the header shows no logo");
        var served = await app.CreateTestClient().Http.GetAsync(logo.Groups[1].Value, Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(TestImages.Png(120, 40), await served.Content.ReadAsByteArrayAsync(Cancel));

        var learner = await app.SignedInLearnerAsync("Signed Learner");
        var certificate = await learner.EarnCertificateAsync();
        var pdf = await learner.GetBytesAsync(certificate.PdfPath);
        var lines = Lines(pdf);
        Assert.Contains("Dr Mei Chen", lines);
        Assert.Contains("Course Director, NMOSD Centre", lines);
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(2, document.GetPage(1).GetImages().Count());

        var audit = await admin.GetPageAsync("/admin/audit?act=provider.identity");
        Assert.Contains("provider.identity", audit);
        Assert.Contains("Dr Mei Chen", audit);
    }

    [Fact]
    public async Task An_issued_certificate_keeps_the_identity_it_was_issued_with_and_new_ones_print_the_new_one()
    {
        var admin = await app.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SaveIdentityAsync(signatoryName: "Prof Alice Before", signatoryTitle: "Director")).StatusCode);
        var learner = await app.SignedInLearnerAsync("Kept Identity");
        var earlier = await learner.EarnCertificateAsync();
        Assert.Contains("Prof Alice Before", Lines(await learner.GetBytesAsync(earlier.PdfPath)));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SaveIdentityAsync(signatoryName: "Prof Bob After", signatoryTitle: "Director")).StatusCode);

        var again = Lines(await learner.GetBytesAsync(earlier.PdfPath));
        Assert.Contains("Prof Alice Before", again);
        Assert.DoesNotContain("Prof Bob After", again);
        var later = await (await app.SignedInLearnerAsync("New Identity")).EarnCertificateAsync();
        Assert.Contains("Prof Bob After", Lines(await admin.GetBytesAsync(later.PdfPath)));
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "script")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"4\" height=\"4\"/></svg>", "onload")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\" onclick=\"x()\"/></svg>", "onclick")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"https://evil.example/x.png\"/></svg>", "image")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><use xlink:href=\"https://evil.example/a.svg#x\"/></svg>", "href")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject></svg>", "foreignObject")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(https://evil.example/a)\" width=\"4\" height=\"4\"/></svg>", "url(")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://evil.example/a.css);</style></svg>", "style")]
    [InlineData("<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>", "DOCTYPE")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><rect width=\"4\" height=\"4\"/></a></svg>", "a")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>", "set")]
    [InlineData("<html><body>not an svg</body></html>", "svg")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect", "XML")]
    public async Task An_svg_logo_that_could_run_or_fetch_anything_is_refused_with_the_reason(string svg, string named)
    {
        var admin = await app.SignedInAdminAsync();

        var answer = await admin.SaveIdentityAsync(logo: Encoding.UTF8.GetBytes(svg), logoName: "logo.svg");

        var html = await answer.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("There is a problem", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(named), html);
    }

    [Fact]
    public async Task A_plain_svg_logo_is_served_as_svg_with_a_policy_that_runs_nothing()
    {
        var admin = await app.SignedInAdminAsync();
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\"><title>Clinic</title><defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#005ea5\"/></linearGradient></defs><rect width=\"40\" height=\"20\" fill=\"url(#g)\"/><path d=\"M0 0L40 20\" stroke=\"#fff\"/></svg>";

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SaveIdentityAsync(logo: Encoding.UTF8.GetBytes(svg), logoName: "clinic.svg")).StatusCode);

        var logo = TestImages.LogoSrc().Match(await app.CreateTestClient().GetPageAsync("/courses"));
        Assert.True(logo.Success);
        var served = await app.CreateTestClient().Http.GetAsync(logo.Groups[1].Value, Cancel);
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = served.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("sandbox", policy);
        Assert.Equal(svg, await served.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_png_that_is_not_one_too_large_or_too_many_pixels_is_refused()
    {
        var admin = await app.SignedInAdminAsync();
        var notPng = Encoding.UTF8.GetBytes("GIF89a this is not a png at all");
        var tooManyPixels = TestImages.PngHeaderOnly(20_000, 20_000);
        var tooLarge = TestImages.Png(64, 64, padding: 300 * 1024);

        foreach (var (bytes, name, message) in new[]
        {
            (notPng, "logo.png", "not a PNG"), (tooManyPixels, "logo.png", "pixels"), (tooLarge, "logo.png", "256 KB"),
            (TestImages.Png(10, 10), "logo.gif", "PNG or SVG"),
        })
        {
            var answer = await admin.SaveIdentityAsync(logo: bytes, logoName: name);
            var html = await answer.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains(message, html);
        }

        var signature = await admin.SaveIdentityAsync(signatoryName: "Dr X", signature: notPng);
        Assert.Contains("not a PNG", await signature.Content.ReadAsStringAsync(Cancel));
        var titleOnly = await admin.SaveIdentityAsync(signatoryTitle: "Director");
        Assert.Contains("There is a problem", await titleOnly.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Only_administrators_open_the_identity_page()
    {
        var learner = await app.SignedInLearnerAsync();

        var refused = await learner.Http.GetAsync("/admin/identity", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/access-denied", refused.Headers.Location!.AbsolutePath);
        Assert.Contains("Logo", await (await app.SignedInAdminAsync()).GetPageAsync("/admin/identity"));
    }
}

internal static partial class TestImages
{
    [System.Text.RegularExpressions.GeneratedRegex("<img[^>]+src=\"(/provider/logo/[^\"]+)\"")]
    public static partial System.Text.RegularExpressions.Regex LogoSrc();

    /// <summary>A real PNG of one colour (8-bit RGB), optionally with a text chunk that makes the file larger.</summary>
    public static byte[] Png(int width, int height, int padding = 0)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(output, "IHDR", Header(width, height));
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    z.WriteByte(0);
                    for (var x = 0; x < width; x++)
                    {
                        z.Write([0, 94, 165]);
                    }
                }
            }

            Chunk(output, "IDAT", raw.ToArray());
        }

        if (padding > 0)
        {
            Chunk(output, "tEXt", [.. Encoding.ASCII.GetBytes("Comment\0"), .. Enumerable.Repeat((byte)'x', padding)]);
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A PNG signature and header announcing the given size, and nothing a decoder could draw.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(output, "IHDR", Header(width, height));
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        return header;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }
}

internal static class IdentitySteps
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Posts the identity form as a browser would (multipart), files only where given.</summary>
    public static async Task<HttpResponseMessage> SaveIdentityAsync(
        this TestClient admin, byte[]? logo = null, string logoName = "logo.png", string signatoryName = "", string signatoryTitle = "", byte[]? signature = null)
    {
        var page = await admin.Http.GetAsync("/admin/identity", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.IsSuccessStatusCode ? TestClient.AntiforgeryTokenIn(html) : ""), "__RequestVerificationToken" },
            { new StringContent(signatoryName), "SignatoryName" },
            { new StringContent(signatoryTitle), "SignatoryTitle" },
        };
        if (logo is not null)
        {
            var file = new ByteArrayContent(logo);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "Logo", logoName);
        }

        if (signature is not null)
        {
            var file = new ByteArrayContent(signature);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "Signature", "signature.png");
        }

        return await admin.Http.PostAsync("/admin/identity", form, Cancel);
    }
}
