using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Credit;

/// <summary>What an administrator should look at twice about the time behind a certificate.</summary>
public enum TimeFlag
{
    /// <summary>The hours or credit claimed are more than the time the learner attested allows.</summary>
    ClaimAboveAttested,

    /// <summary>The learner attested less than half of the time the platform measured.</summary>
    AttestedFarBelowMeasured,
}

/// <summary>
/// The rule between the hours or credit a learner claims and the time they attest: one hour (or one credit) per 60
/// minutes, with the attested time rounded to the nearest quarter hour, as the AMA's rule for claiming in quarter hours
/// does; 20 minutes allows 0.25, 51 minutes 0.75.
/// </summary>
public static class ClaimedTime
{
    public static decimal MostFor(int minutesAttested) =>
        Math.Round(minutesAttested / 15m, MidpointRounding.AwayFromZero) / 4m;

    public static IReadOnlyList<TimeFlag> FlagsOf(Certificate certificate)
    {
        var flags = new List<TimeFlag>(2);
        if (certificate.MinutesAttested is { } attested)
        {
            if (certificate.Credits > MostFor(attested))
            {
                flags.Add(TimeFlag.ClaimAboveAttested);
            }

            if (certificate.MinutesMeasured is { } measured && attested * 2 < measured)
            {
                flags.Add(TimeFlag.AttestedFarBelowMeasured);
            }
        }

        return flags;
    }
}
