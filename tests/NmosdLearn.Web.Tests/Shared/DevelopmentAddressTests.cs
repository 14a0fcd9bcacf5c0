using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Tests.Shared;

/// <summary>The README's run command listens where the operator says, and its links name that address.</summary>
public sealed class DevelopmentAddressTests
{
    [Theory]
    [InlineData(null, null, "http://localhost:5224", "http://localhost:5224")]
    [InlineData("http://0.0.0.0:8080", null, null, "http://localhost:8080")]
    [InlineData("http://+:8081;https://+:8443", null, null, "http://localhost:8081")]
    [InlineData("http://*:8082", null, null, "http://localhost:8082")]
    [InlineData("http://[::]:8083", null, null, "http://localhost:8083")]
    [InlineData("http://192.168.1.20:8084", null, null, "http://192.168.1.20:8084")]
    [InlineData("http://127.0.0.1:0", null, null, null)]
    [InlineData("http://0.0.0.0:8080", "https://learn.example.org", null, "https://learn.example.org")]
    public void The_operators_address_wins_and_links_follow_it(string? urls, string? publicBase, string? expectedListen, string? expectedPublicBase)
    {
        var (listen, resolvedBase) = DevelopmentAddress.Resolve(urls, publicBase);

        Assert.Equal(expectedListen, listen);
        Assert.Equal(expectedPublicBase, resolvedBase);
    }
}
