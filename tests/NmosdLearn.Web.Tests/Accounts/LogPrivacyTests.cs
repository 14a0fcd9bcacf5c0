using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>Security events name the network and a masked address, never the person's own address or email.</summary>
public sealed class LogPrivacyTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0/24")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::/48")]
    [InlineData("not an address", "(unknown)")]
    [InlineData(null, "(unknown)")]
    public void A_client_address_is_logged_as_its_network(string? address, string expected) =>
        Assert.Equal(expected, SecurityEvents.MaskAddress(address));

    [Theory]
    [InlineData("jane.doe@hospital.example", "j***@hospital.example")]
    [InlineData("", "(none)")]
    [InlineData("@nobody", "(none)")]
    public void An_email_is_logged_masked(string email, string expected) =>
        Assert.Equal(expected, SecurityEvents.MaskEmail(email));
}
