import { loadDistrictReference } from '../src/districts.js';
import { HUANCAYO_UBIGEOS } from '../src/reference.js';

it('has the 28 districts, their boundaries, and the same codes as HUANCAYO_UBIGEOS', () => {
  const districts = loadDistrictReference();
  expect(districts).toHaveLength(28);
  expect(new Set(districts.map((d) => d.ubigeo))).toEqual(HUANCAYO_UBIGEOS);
  expect(districts.every((d) => d.population > 0 && ['Polygon', 'MultiPolygon'].includes(d.boundary.type))).toBe(true);
  expect(districts.filter((d) => d.area === 'URBAN').map((d) => d.name).sort()).toEqual(
    ['Chilca', 'El Tambo', 'Huancayo', 'Huancán', 'Huayucachi', 'Pilcomayo', 'San Agustín', 'San Jerónimo de Tunán', 'Saño', 'Viques'],
  );
});
