import { trimBase } from './digital-link.js';
import type { TraceEventDto, TraceRecordDto } from './dto/trace.dto.js';
import { UNECE_UNIT_CODES, VIETNAM_UTC_OFFSET, type TraceEventKind, type TraceUnit } from './trace.constants.js';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const CBV = 'https://ref.gs1.org/cbv/';

type Json = Record<string, unknown>;

/** Planting has no CBV business step (the lot does not exist yet), so it is named in the platform's vocabulary. */
const BIZ_STEPS: Record<TraceEventKind, string> = {
  planting: 'ocop:BizStep-planting',
  harvesting: `${CBV}BizStep-commissioning`,
  processing: `${CBV}BizStep-commissioning`,
  packing: `${CBV}BizStep-packing`,
  shipping: `${CBV}BizStep-shipping`,
  receiving: `${CBV}BizStep-receiving`,
  inspecting: `${CBV}BizStep-inspecting`,
};

const DISPOSITIONS: Partial<Record<TraceEventKind, string>> = {
  harvesting: `${CBV}Disp-active`,
  processing: `${CBV}Disp-active`,
  packing: `${CBV}Disp-in_progress`,
  shipping: `${CBV}Disp-in_transit`,
  receiving: `${CBV}Disp-in_progress`,
};

function quantityElement(epcClass: string, quantity: number, unit: TraceUnit): Json {
  const uom = UNECE_UNIT_CODES[unit];
  return uom ? { epcClass, quantity, uom } : { epcClass, quantity };
}

/** Vietnam has no daylight saving, so every local time is UTC+7. */
function localTime(isoUtc: string): string {
  const shifted = new Date(new Date(isoUtc).getTime() + 7 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}${VIETNAM_UTC_OFFSET}`;
}

/**
 * One batch's record as an EPCIS 2.0 document (JSON-LD), so a buyer, an inspector or the national
 * traceability portal can take it into its own system:
 * - the lot is the class of objects (`epcClass`): its GS1 Digital Link when the product has a GTIN,
 *   otherwise the platform's own trace URI (no GTIN can be invented for a co-operative);
 * - harvest is the commissioning ObjectEvent (ADD) carrying the lot master data (ilmd); without a
 *   harvest event the batch record itself is exported as the commissioning;
 * - processing is a TransformationEvent from what went in to what came out;
 * - packing, shipping, receiving and inspecting are ObjectEvents (OBSERVE) with their CBV steps;
 * - an event that a later one corrects carries an errorDeclaration naming the correction.
 */
export function buildEpcisDocument(record: TraceRecordDto, base: string, creationDate = new Date()): Json {
  const lotClass = record.links.digitalLink ?? record.links.shortUri;
  const eventUri = (event: TraceEventDto) => `${record.links.shortUri}/events/${event.seq}`;
  const locationUri = (communeCode: string) => `${trimBase(base)}/api/communes/${communeCode}`;
  const byId = new Map(record.events.map((event) => [event.id, event]));
  const ilmd: Json = {
    'cbvmda:lotNumber': record.batch.lot,
    'cbvmda:countryOfOrigin': 'VN',
    ...(record.batch.harvestedOn ? { 'cbvmda:harvestStartDate': record.batch.harvestedOn } : {}),
    ...(record.batch.producedOn ? { 'ocop:productionDate': record.batch.producedOn } : {}),
    ...(record.batch.expiresOn ? { 'cbvmda:itemExpirationDate': record.batch.expiresOn } : {}),
    ...(record.batch.growingAreaCode ? { 'ocop:growingAreaCode': record.batch.growingAreaCode } : {}),
    'ocop:originCommune': locationUri(record.batch.origin.code),
    'ocop:standards': record.batch.standards.map((s) => ({ 'ocop:code': s.code, 'ocop:reference': s.reference })),
    ...(record.ocop?.valid
      ? { 'ocop:ocopStars': record.ocop.stars, 'ocop:ocopCertificate': record.ocop.certificateNumber }
      : {}),
  };
  const batchQuantity = quantityElement(lotClass, record.batch.quantity, record.batch.unit);

  const common = (event: TraceEventDto): Json => {
    const correctedBy = event.correctedByEventId ? byId.get(event.correctedByEventId) : undefined;
    return {
      eventID: eventUri(event),
      eventTime: localTime(event.occurredAt),
      eventTimeZoneOffset: VIETNAM_UTC_OFFSET,
      recordTime: event.recordedAt,
      ...(correctedBy
        ? {
            errorDeclaration: {
              declarationTime: correctedBy.recordedAt,
              reason: `${CBV}ER-incorrect_data`,
              correctiveEventIDs: [eventUri(correctedBy)],
            },
          }
        : {}),
    };
  };
  const where = (event: TraceEventDto): Json =>
    event.place
      ? { readPoint: { id: locationUri(event.place.code) }, bizLocation: { id: locationUri(event.place.code) } }
      : {};
  const extensions = (event: TraceEventDto): Json => ({
    'ocop:actor': event.actorName,
    ...(event.placeName ? { 'ocop:placeName': event.placeName } : {}),
    ...(event.notes ? { 'ocop:notes': event.notes } : {}),
    ...(event.inputs.length > 0
      ? {
          'ocop:inputs': event.inputs.map((m) => ({
            'ocop:name': m.name,
            'ocop:quantity': m.quantity,
            'ocop:unit': m.unit,
          })),
        }
      : {}),
    ...(event.outputs.length > 0
      ? {
          'ocop:outputs': event.outputs.map((m) => ({
            'ocop:name': m.name,
            'ocop:quantity': m.quantity,
            'ocop:unit': m.unit,
          })),
        }
      : {}),
    ...(event.evidence.length > 0
      ? { 'ocop:evidence': event.evidence.map((p) => ({ 'ocop:url': p.url, 'ocop:sha256': p.sha256 })) }
      : {}),
    ...(event.correctsEventId && byId.get(event.correctsEventId)
      ? { 'ocop:corrects': eventUri(byId.get(event.correctsEventId)!) }
      : {}),
    'ocop:hash': event.hash,
    'ocop:prevHash': event.prevHash,
  });
  const quantities = (items: TraceEventDto['outputs']) =>
    items.map((m) => quantityElement(lotClass, m.quantity, m.unit));

  const eventList: Json[] = [];
  const hasHarvest = record.events.some((event) => event.kind === 'harvesting');
  if (!hasHarvest) {
    eventList.push({
      type: 'ObjectEvent',
      eventID: `${record.links.shortUri}/events/0`,
      eventTime: localTime(record.batch.createdAt),
      eventTimeZoneOffset: VIETNAM_UTC_OFFSET,
      recordTime: record.batch.createdAt,
      quantityList: [batchQuantity],
      action: 'ADD',
      bizStep: `${CBV}BizStep-commissioning`,
      disposition: `${CBV}Disp-active`,
      bizLocation: { id: locationUri(record.batch.origin.code) },
      ilmd,
    });
  }
  let commissioned = false;
  for (const event of record.events) {
    if (event.kind === 'processing') {
      eventList.push({
        type: 'TransformationEvent',
        ...common(event),
        inputQuantityList: event.inputs.length > 0 ? quantities(event.inputs) : [batchQuantity],
        outputQuantityList: event.outputs.length > 0 ? quantities(event.outputs) : [batchQuantity],
        bizStep: BIZ_STEPS.processing,
        disposition: DISPOSITIONS.processing,
        ...where(event),
        ...extensions(event),
      });
      continue;
    }
    const isCommissioning = event.kind === 'harvesting' && !commissioned;
    if (isCommissioning) commissioned = true;
    eventList.push({
      type: 'ObjectEvent',
      ...common(event),
      quantityList: event.outputs.length > 0 ? quantities(event.outputs) : [batchQuantity],
      action: isCommissioning ? 'ADD' : 'OBSERVE',
      bizStep: BIZ_STEPS[event.kind],
      ...(DISPOSITIONS[event.kind] ? { disposition: DISPOSITIONS[event.kind] } : {}),
      ...where(event),
      ...(isCommissioning ? { ilmd } : {}),
      ...extensions(event),
    });
  }

  return {
    '@context': [EPCIS_CONTEXT, { ocop: `${trimBase(base)}/voc/` }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: creationDate.toISOString(),
    epcisBody: { eventList },
  };
}
