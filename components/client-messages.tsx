// A route file's provider of messages for its client components: exactly the namespaces they read
// (lib/i18n/client-messages.ts), instead of the whole catalog in every page's HTML. The build fails when a route
// file's client components read messages and it does not provide them (scripts/client-messages.mjs).
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { clientMessages, type RouteFileId } from "@/lib/i18n/client-messages";
import { readerLocale } from "@/lib/i18n/server";

export async function ClientMessages({ file, children }: { file: RouteFileId; children: ReactNode }) {
  return (
    <NextIntlClientProvider messages={clientMessages(file, await readerLocale())}>{children}</NextIntlClientProvider>
  );
}

/** A page (or another route file) wrapped in its `ClientMessages`: `export default withClientMessages("app/x/page", XPage)`. */
export function withClientMessages<P extends object>(
  file: RouteFileId,
  Page: (props: P) => Promise<ReactNode> | ReactNode,
) {
  return function WithClientMessages(props: P) {
    return (
      <ClientMessages file={file}>
        <Page {...props} />
      </ClientMessages>
    );
  };
}
