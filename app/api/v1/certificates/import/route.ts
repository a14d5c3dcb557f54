import { apiRoute, UPLOAD_ROUTE } from "@/lib/api/route-handler";
import { jsonField, readUpload } from "@/lib/api/read-upload";
import { importCertificate, inspectImport } from "@/lib/server/certificates/import-certificate";
import { requirePermission } from "@/lib/server/auth/actor";

/**
 * POST /api/v1/certificates/import — Import-ExchangeCertificate. Fields: `file`, `password`, `serverIds` (JSON
 * array), `exportable`, `friendlyName`, `trustStores` (JSON `[{ thumbprint, store }]`). With `?preview=1` nothing
 * is stored: the answer says what the file holds, whether it is a duplicate, and which CA certificates it offers.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  requirePermission(actor, "mutate");
  const upload = await readUpload(request);
  const file = { bytes: upload.bytes, password: upload.fields.password ?? "", fileName: upload.fileName };
  if (request.nextUrl.searchParams.get("preview") === "1") return inspectImport(actor, file);
  return importCertificate(actor, file, {
    serverIds: jsonField(upload.fields, "serverIds", []),
    exportable: jsonField(upload.fields, "exportable", false),
    trustStores: jsonField(upload.fields, "trustStores", []),
    ...(upload.fields.friendlyName ? { friendlyName: upload.fields.friendlyName } : {}),
  });
}, UPLOAD_ROUTE);
