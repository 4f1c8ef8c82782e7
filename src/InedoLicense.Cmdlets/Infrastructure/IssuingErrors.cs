using System.Management.Automation;
using InedoLicense.Issuance;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>The issuing cmdlets' ErrorRecords for Core's refusals: the message for the reason, from Strings.resx, and the real target.</summary>
internal static class IssuingErrors
{
    /// <summary>New-License's InvalidRenewal error; the serial as target.</summary>
    public static ErrorRecord Renewal(InvalidRenewalException e)
    {
        (string Format, object?[] Args)? message = e.Reason switch
        {
            RenewalRefusal.Stopgap => (Strings.InvalidRenewal, [e.Serial, e.StopgapFor is null ? "" : $" ({e.StopgapFor})"]),
            RenewalRefusal.NotALicence => (Strings.RenewalOfAnotherKind, [e.Serial, e.Kind]),
            RenewalRefusal.Perpetual => (Strings.RenewalOfPerpetual, [e.Serial]),
            RenewalRefusal.OtherProduct => (Strings.RenewalChangesProduct, [e.Serial, e.Product, e.RequestedProduct]),
            RenewalRefusal.StartGiven => (Strings.RenewalTakesNoNotBefore, [e.Serial, e.Start]),
            RenewalRefusal.EditionNotPaid => (Strings.RenewalNeedsPaidEdition, [e.Product, e.Edition, e.Tier, string.Join(", ", e.PaidEditions)]),
            RenewalRefusal.AlreadyOver => (Strings.RenewalAlreadyOver, [e.Serial, e.Start, e.End]),
            _ => null,
        };
        return message is { } m
            ? Errors.Wrap(ErrorIds.InvalidRenewal, ErrorCategory.InvalidOperation, e.Serial, e, m.Format, m.Args)
            : Errors.Record(ErrorIds.InvalidRenewal, ErrorCategory.InvalidOperation, e.Serial, e);
    }

    /// <summary>New-StopgapLicense's error for a refused request; the request as target.</summary>
    public static ErrorRecord Stopgap(StopgapRefusedException e) => e.Reason switch
    {
        StopgapRefusal.NoCustomer => Errors.Record(ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, e.Request, Strings.StopgapNeedsCustomer, e.Request),
        StopgapRefusal.NoProduct => Errors.Record(ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, e.Request, Strings.StopgapNeedsProduct, e.Request),
        StopgapRefusal.InvalidLapsedLicense => Errors.Record(ErrorIds.InvalidLapsedLicense, ErrorCategory.InvalidArgument, e.Request, Strings.InvalidLapsedLicense, e.Message),
        StopgapRefusal.TooEarly => Errors.Record(ErrorIds.StopgapTooEarly, ErrorCategory.InvalidOperation, e.Request, Strings.StopgapTooEarly, e.Message),
        _ => Errors.Record(ErrorIds.StopgapAlreadyIssued, ErrorCategory.ResourceExists, e.Request, Strings.StopgapAlreadyIssued,
            e.Customer, e.Existing?.Serial, e.Product, StopgapTerm(e.Lapsed), e.Existing?.ExpiresAt?.UtcDateTime),
    };

    /// <summary>The term a stopgap bridges, as its confirmation and errors name it.</summary>
    public static string StopgapTerm(LicenseRecord? lapsed) =>
        lapsed is null ? "no paid licence on record" : $"term of licence {lapsed.Serial}, which expires {lapsed.ExpiresAt:yyyy-MM-dd}";
}
