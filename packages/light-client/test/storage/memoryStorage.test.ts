import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { describeLightClientStorage } from './compliance.js'

describeLightClientStorage('memory', () => ({
  open: async (params) => createMemoryStorage({ params }),
  persistent: false,
}))
