export { full, newHost, sh, type Case } from '../shell/fixture.js';
