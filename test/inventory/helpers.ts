export { inputErrorOf } from '../helpers/input-error.js';

export const FIXTURES = 'test/fixtures/input';
