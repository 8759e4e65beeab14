using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Masten.Web.Accounts;

/// <summary>
/// The data-protection keys (which sign the sign-in cookie and antiforgery tokens) are stored in the database so
/// that several instances share them. With <c>DataProtection:CertificatePath</c> (a PKCS#12 file, .pfx, with its
/// private key) and <c>DataProtection:CertificatePassword</c> set, each key is encrypted with that certificate
/// before it is stored, so a copy of the database alone cannot forge cookies. Every instance needs the same
/// certificate. Without one the keys are stored in plain XML (see docs/security.md).
/// </summary>
public static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
            return builder;
        if (!File.Exists(path))
            throw new InvalidOperationException($"DataProtection:CertificatePath names a file that does not exist: {path}");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"The certificate in DataProtection:CertificatePath has no private key, so stored keys could not be read back: {path}");
        // Encrypts new keys with the certificate, and registers it to decrypt them again.
        return builder.ProtectKeysWithCertificate(certificate);
    }
}
