import { PRICE_RANGE, PUE_RANGE } from '../../lib/assumptions'
import { WINDOW_BLOCKS } from '../../lib/chainWindow'
import { HOURS_PER_YEAR } from '../../lib/energy'
import { GRID_DATA } from '../../lib/grid'
import { HARDWARE_TABLE } from '../../lib/hardware'
import { Formula, Step } from './Prose'

const HOURS = HOURS_PER_YEAR.toLocaleString('en-US')

/** The model, step by step, with its formulas. */
export function MethodSteps() {
  return (
    <>
      <Step n={1} title="Hashrate from verified difficulty">
        <p>
          Every block header carries its target in compact form (<code>bits</code>). A block is
          valid when its BLAKE3 hash is at or below that target, so finding one takes on average{' '}
          <code>workForBits(bits)</code> = 2²⁵⁶ ÷ (target + 1) attempts. Your browser’s light client
          verifies every header from genesis (proof of work, difficulty retarget, linkage); the
          dashboard sums the work of the newest {WINDOW_BLOCKS} verified blocks and divides by the
          time they took, read from the same headers.
        </p>
        <Formula>
          hashrate (H/s) = Σ workForBits(bitsᵢ) for blocks h+1…h+{WINDOW_BLOCKS} ÷ (timestamp h+
          {WINDOW_BLOCKS} − timestamp h)
        </Formula>
        <p>
          The charts apply the same formula to consecutive windows of the newest 1,000 verified
          blocks.
        </p>
      </Step>

      <Step n={2} title="Power from hardware efficiency, with bounds">
        <p>
          Power is hashrate times the energy one hash costs (joules per hash). The hardware table
          (version {HARDWARE_TABLE.version}) lists the CPUs and GPUs that can compute SuperNova’s
          proof of work; following the Cambridge Bitcoin Electricity Consumption Index (CBECI), the
          three bounds differ only in the efficiency assumed:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong>Lower bound</strong>: the whole network runs on the most efficient hardware in
            the table.
          </li>
          <li>
            <strong>Best estimate</strong>: a mix of the table’s hardware, weighted by each row’s
            share (equal shares today: who mines with what is not observable on chain).
          </li>
          <li>
            <strong>Upper bound</strong>: the whole network runs on the least efficient hardware in
            the table. CBECI keeps only hardware that is still profitable; NOVA has no market price,
            so no such filter can be applied.
          </li>
        </ul>
        <Formula>power (W) = hashrate (H/s) × efficiency (J/hash) × PUE</Formula>
        <Formula>best efficiency = Σ shareᵢ × efficiencyᵢ ÷ Σ shareᵢ</Formula>
        <p>
          Power usage effectiveness (PUE) is a facility’s total energy divided by what reaches the
          hardware. Default 1.10, adjustable from {PUE_RANGE.min} to {PUE_RANGE.max}: CPU and GPU
          mining mostly runs where the hardware already is, with little cooling overhead; a
          dedicated facility adds more.
        </p>
      </Step>

      <Step n={3} title="Energy and cost per year">
        <Formula>energy (kWh / year) = power (W) × {HOURS} h ÷ 1,000</Formula>
        <Formula>cost (USD / year) = energy (kWh / year) × electricity price (USD / kWh)</Formula>
        <p>
          The price is yours to set ({PRICE_RANGE.min} to {PRICE_RANGE.max} USD per kWh); the
          default 0.10 is a round figure, not a market price.
        </p>
      </Step>

      <Step n={4} title="Emissions from the grid where the electricity comes from">
        <p>
          Emissions are energy times the carbon intensity of the electricity. Nothing on chain says
          where miners are, so you choose a mix of regions; its intensity and renewable share are
          the weighted means of the regions’ {GRID_DATA.dataYear} figures (location-based
          accounting). The default is 100% world average.
        </p>
        <Formula>intensity (gCO2e / kWh) = Σ weightᵢ × intensityᵢ ÷ Σ weightᵢ</Formula>
        <Formula>
          emissions (tCO2e / year) = energy (kWh / year) × intensity (gCO2e / kWh) ÷ 1,000,000
        </Formula>
      </Step>

      <Step n={5} title="Per transaction and per holding">
        <p>
          <strong>Per transaction</strong>: the energy and emissions of the measured window, divided
          by the user transactions in its blocks (coinbases are not counted). Each block is fetched
          and checked against its verified header’s txRoot before its transactions are counted. A
          window without transactions has no per-transaction figure.
        </p>
        <Formula>
          energy per transaction (kWh) = power (W) × window duration (h) ÷ 1,000 ÷ transactions
        </Formula>
        <p>
          <strong>Per holding</strong> (seed 000, §7.1): emissions are allocated to holders in
          proportion to the share of the supply they hold. The supply is the genesis allocations
          plus every block subsidy through the window’s last block — the consensus cap, so an upper
          bound on the coins in existence (coinbases may claim less).
        </p>
        <Formula>holding’s emissions (tCO2e / year) = emissions × holding ÷ supply</Formula>
      </Step>

      <Step n={6} title="MiCA sustainability indicators">
        <p>
          The export gives the indicators the EU’s Markets in Crypto-Assets Regulation (Regulation
          (EU) 2023/1114, Art. 66(5)) asks to be disclosed for a consensus mechanism: energy
          consumption (kWh/year), renewable energy consumption (%), energy intensity
          (kWh/transaction), Scope 1 and Scope 2 GHG emissions (tCO2e/year) and GHG intensity
          (kgCO2e/transaction), each with its bounds. Scope 2 is the location-based estimate above;
          Scope 1 (miners’ own generation) is not estimated, for lack of any data. The renewable
          share is the grid mix’s until green-miner declarations exist on chain. Each file names the
          header range, the assumptions and the data versions it was computed from.
        </p>
      </Step>
    </>
  )
}
