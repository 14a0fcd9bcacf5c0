using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NmosdLearn.Web.Data.Migrations;

/// <summary>Data steps of the SecurityAccounts migration, the same SQL on both providers.</summary>
internal static class SecurityAccountsData
{
    /// <summary>
    /// Administrators used to lock an account with Identity's lockout date set to the end of time. That lock becomes
    /// AppUser.LockedAt (dated 2026-12-07, when the lock became a state of its own: the old lock kept no date; a fixed
    /// date also keeps the new-database script the same however often it is written), and the lockout date is cleared because
    /// Identity's lockout is no longer used. Deleted accounts also carried that date and keep it.
    /// </summary>
    public static void MoveAdministratorLocks(MigrationBuilder migrationBuilder)
    {
        var toBinary = new DateTimeOffsetToBinaryConverter();
        var farFuture = (long)toBinary.ConvertToProvider(new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero))!;
        var now = (long)toBinary.ConvertToProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero))!;
        migrationBuilder.Sql(
            $"UPDATE \"AspNetUsers\" SET \"LockedAt\" = {now}, \"LockoutEnd\" = NULL WHERE \"LockoutEnd\" > {farFuture} AND \"DeletedAt\" IS NULL;");
    }
}
