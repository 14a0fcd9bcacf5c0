using System.Net;
using System.Net.Sockets;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// The one rule for "which client is this" in every per-address limit. An IPv4 address counts alone; an IPv6
/// address counts as its /64, because one subscriber is routinely given a whole /64 and could otherwise take a
/// fresh address for every attempt. An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 address it carries.
/// </summary>
public static class RateLimitKey
{
    public static string For(HttpContext context) => For(context.Connection.RemoteIpAddress);

    public static string For(string? address) => IPAddress.TryParse(address, out var ip) ? For(ip) : "unknown";

    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
