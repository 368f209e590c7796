import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { type RestartableServer, startRestartableServer } from './stub-server.js';

export interface VnptStubInvoice {
  fkey: string;
  pattern: string;
  serial: string;
  number: number;
  token: string;
  method: string;
  relatedFkey: string | null;
  /** The parsed xmlInvData, for assertions on its shape. */
  data: unknown;
}

export interface VnptStub extends RestartableServer {
  invoices: Map<string, VnptStubInvoice>;
  calls: string[];
  publishCalls(): number;
  close(): Promise<void>;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'HHDVu' || name === 'LTSuat',
});

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function soapAnswer(method: string, result: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<${method}Response xmlns="http://tempuri.org/"><${method}Result>${escapeXml(result)}</${method}Result></${method}Response>` +
    '</soap:Body></soap:Envelope>'
  );
}

/**
 * A local stand-in for VNPT Invoice's SOAP services: PublishService.ImportAndPublishInv,
 * PortalService.listInvByCusFkey and BusinessService.adjustInv/replaceInv. Like the real service it
 * refuses a second invoice with the same fkey (`ERR:13`).
 */
export async function startVnptStub(
  account = { Account: 'htxadmin', ACpass: 'ac-pass', username: 'htxservice', password: 'svc-pass' },
): Promise<VnptStub> {
  const invoices = new Map<string, VnptStubInvoice>();
  const counters = new Map<string, number>();
  const calls: string[] = [];

  const server = await startRestartableServer((request, raw, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const action = String(request.headers.soapaction ?? '')
      .replace(/"/g, '')
      .replace('http://tempuri.org/', '');
    calls.push(`${url.pathname} ${action}`);
    const reply = (result: string) => {
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      response.end(soapAnswer(action, result));
    };
    const params = parser.parse(raw)?.Envelope?.Body?.[action] ?? {};

    if (url.pathname === '/PortalService.asmx' && action === 'listInvByCusFkey') {
      if (params.userName !== account.username || params.userPass !== account.password) return reply('ERR:1');
      const found = invoices.get(params.key);
      return reply(
        found
          ? `<Data><Item><index>1</index><invToken>${found.token}</invToken><fkey>${found.fkey}</fkey><pattern>${found.pattern}</pattern><serial>${found.serial}</serial><invNum>${found.number}</invNum><status>1</status></Item></Data>`
          : '<Data></Data>',
      );
    }
    const publishing =
      (url.pathname === '/PublishService.asmx' && action === 'ImportAndPublishInv') ||
      (url.pathname === '/BusinessService.asmx' && (action === 'adjustInv' || action === 'replaceInv'));
    if (!publishing) {
      response.writeHead(404);
      response.end();
      return;
    }
    const password = action === 'ImportAndPublishInv' ? params.password : params.pass;
    if (
      params.Account !== account.Account ||
      params.ACpass !== account.ACpass ||
      params.username !== account.username ||
      password !== account.password
    ) {
      return reply('ERR:1');
    }
    const data = parser.parse(String(params.xmlInvData ?? ''));
    const inv = data?.Invoices?.Inv;
    if (!inv?.key || !inv.Invoice) return reply('ERR:3');
    if (invoices.has(inv.key)) return reply('ERR:13');
    if (action !== 'ImportAndPublishInv' && !invoices.has(params.fkey)) return reply('ERR:2');
    const serial = String(params.serial);
    const number = (counters.get(serial) ?? 0) + 1;
    counters.set(serial, number);
    invoices.set(inv.key, {
      fkey: inv.key,
      pattern: String(params.pattern),
      serial,
      number,
      token: randomBytes(6).toString('hex'),
      method: action,
      relatedFkey: action === 'ImportAndPublishInv' ? null : String(params.fkey),
      data: inv.Invoice,
    });
    return reply(`OK:${params.pattern};${serial}-${inv.key}_${number}`);
  });

  return Object.assign(server, {
    invoices,
    calls,
    publishCalls: () => calls.filter((call) => /ImportAndPublishInv|adjustInv|replaceInv/.test(call)).length,
    close: () => server.stop(),
  });
}
