import type { Signer } from "ethers";
import type { Hex } from "../chain/register-contract.js";
import type { Config } from "../config.js";
import { resolveSigner } from "./keys.js";

export type DocumentProxyKey = Readonly<{ office: string; signer: Signer; signerAddress: Hex }>;

/**
 * The document proxy's office and signer key, or undefined when DIPR_DOCUMENT_PROXY_OFFICE is not set. The key
 * comes from the same sources as a writing command's (a keystore and its password file, or the key itself), read
 * once at start: a keystore takes a second or more to decrypt. The key signs document requests only; it is never
 * connected to the chain.
 * @throws DiprError CLI_USAGE when the keystore or its password file cannot be read or opened
 */
export async function openDocumentProxyKey(
  config: Pick<Config, "documentProxyOffice" | "documentProxyKeystore" | "documentProxyPasswordFile" | "documentProxyPrivateKey">,
): Promise<DocumentProxyKey | undefined> {
  if (config.documentProxyOffice === undefined) return undefined;
  // The configuration allows one source and a keystore only with its password file (src/config.ts).
  const signer = await resolveSigner(
    config.documentProxyKeystore === undefined ? {} : { keystore: config.documentProxyKeystore, passwordFile: config.documentProxyPasswordFile },
    { privateKey: config.documentProxyPrivateKey, interactive: false },
  );
  return { office: config.documentProxyOffice, signer, signerAddress: (await signer.getAddress()).toLowerCase() as Hex };
}
