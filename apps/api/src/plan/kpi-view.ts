import type { FigureDefinitionDto, KpiDto } from './dto/plan.dto.js';
import {
  FIGURES,
  findFigure,
  findKpi,
  KPI_CATALOGUE,
  type KpiDefinition,
  type KpiDirection,
  type KpiUnit,
} from './kpi-catalogue.js';

/** What a custom KPI row carries; read both through the entity and through raw SQL. */
export interface CustomKpiRow {
  kpiId: string;
  nameVi: string;
  nameEn: string | null;
  unit: KpiUnit;
  direction: KpiDirection;
  definition: string | null;
}

export function catalogueKpiDto(kpi: KpiDefinition): KpiDto {
  return {
    id: kpi.id,
    catalogueRefs: [...kpi.catalogueRefs],
    group: kpi.group,
    nameVi: kpi.nameVi,
    nameEn: kpi.nameEn,
    unit: kpi.unit,
    direction: kpi.direction,
    method: kpi.method,
    figureKeys: [...kpi.figureKeys],
    definition: kpi.definition,
    platformScoped: kpi.platformScoped,
    needs: kpi.needs.map((need) => ({ ...need })),
    ...(kpi.filter
      ? {
          filter: {
            ...(kpi.filter.participantTypes ? { participantTypes: [...kpi.filter.participantTypes] } : {}),
            ...(kpi.filter.eventAudience ? { eventAudience: [...kpi.filter.eventAudience] } : {}),
          },
        }
      : {}),
    ...(kpi.defaultParams ? { defaultParams: { ...kpi.defaultParams } } : {}),
    defaultBasis: kpi.defaultBasis ?? 'at_year',
    isCustom: false,
  };
}

export function customKpiDto(row: CustomKpiRow): KpiDto {
  return {
    id: row.kpiId,
    catalogueRefs: [],
    group: 'custom',
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    unit: row.unit,
    direction: row.direction,
    method: 'recorded',
    figureKeys: [row.kpiId],
    definition: row.definition,
    platformScoped: false,
    needs: [{ source: 'external_figures', detail: `the value itself, entered per year under the key ${row.kpiId}` }],
    defaultBasis: 'at_year',
    isCustom: true,
  };
}

export function catalogueDtos(): KpiDto[] {
  return KPI_CATALOGUE.map(catalogueKpiDto);
}

/**
 * Describes a figure key: a province-wide denominator, or the recorded value of a catalogue or
 * custom KPI. Null when the key means nothing to this platform.
 */
export function describeFigure(
  key: string,
  customKpis: readonly CustomKpiRow[] = [],
): Omit<FigureDefinitionDto, 'neededBy'> | null {
  const figure = findFigure(key);
  if (figure) {
    return {
      key,
      kind: 'denominator',
      nameVi: figure.nameVi,
      nameEn: figure.nameEn,
      unit: figure.unit,
      description: figure.description,
    };
  }
  const kpi = findKpi(key);
  if (kpi?.method === 'recorded') {
    return {
      key,
      kind: 'recorded_value',
      nameVi: kpi.nameVi,
      nameEn: kpi.nameEn,
      unit: kpi.unit,
      description: kpi.definition,
    };
  }
  const custom = customKpis.find((row) => row.kpiId === key);
  if (custom) {
    return {
      key,
      kind: 'recorded_value',
      nameVi: custom.nameVi,
      nameEn: custom.nameEn,
      unit: custom.unit,
      description: custom.definition,
    };
  }
  return null;
}

/** Every figure an officer may enter, with the catalogue KPIs that need it. */
export function figureCatalogue(customKpis: readonly CustomKpiRow[] = []): FigureDefinitionDto[] {
  const neededBy = (key: string) => KPI_CATALOGUE.filter((kpi) => kpi.figureKeys.includes(key)).map((kpi) => kpi.id);
  const keys = [
    ...FIGURES.map((figure) => figure.key),
    ...KPI_CATALOGUE.filter((kpi) => kpi.method === 'recorded').map((kpi) => kpi.id),
    ...new Set(customKpis.map((row) => row.kpiId)),
  ];
  return keys.flatMap((key) => {
    const described = describeFigure(key, customKpis);
    if (!described) return [];
    return [{ ...described, neededBy: described.kind === 'recorded_value' && !findKpi(key) ? [key] : neededBy(key) }];
  });
}
