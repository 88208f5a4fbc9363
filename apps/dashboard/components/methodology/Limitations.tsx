import { Card } from '@supernova/ui'

const ITEMS: { title: string; text: string }[] = [
  {
    title: 'A devnet’s figures are tiny, and say little about a network',
    text: 'The local devnet is mined by one CPU at the easiest difficulty the protocol allows: about two expected hashes per block. Its estimated power is nanowatts to microwatts. The computer running it draws far more — mostly idle power that no difficulty reveals. The method is what carries over to a public network, not the numbers.',
  },
  {
    title: 'The hashrate is an expectation',
    text: 'Difficulty says how many hashes a block needs on average, not how many were tried. Over a window of 100 blocks the luck of individual blocks evens out only partly; short windows and recent retargets make the figure noisy.',
  },
  {
    title: 'The hardware table is derived, not measured',
    text: 'Hashrates come from spec sheets and an operation count of BLAKE3, checked against one published CPU measurement. Real miners reach less than peak (more J/hash), and sustained power can differ from the rated power. No ASIC or FPGA is known for SuperNova’s header hash; if one appears, the lower bound is too high.',
  },
  {
    title: 'Who mines with what, and where, is unknown',
    text: 'The best estimate weights the hardware equally and the region mix is yours to choose: the chain carries neither hardware nor location. Green-miner declarations, once the protocol accepts them, are meant to replace both assumptions for the miners who declare.',
  },
  {
    title: 'Grid averages, not marginal emissions',
    text: 'Annual average intensities of 2023, transcribed by hand from published sources, describe the average kWh of a region’s grid — not the plant that runs because a miner switched on, and not a contract for renewable energy (market-based accounting).',
  },
  {
    title: 'What is left out',
    text: 'Manufacturing and shipping hardware (embodied emissions), and the small use of full nodes, validators and light clients. Per-transaction figures allocate mining energy to transactions; mining does not grow with the number of transactions.',
  },
  {
    title: 'The supply is an upper bound',
    text: 'Per-holding allocation divides by the coins consensus allows to exist at the window’s last block. Coinbases may claim less, and coins sent to unspendable locks (like the treasury’s) are counted.',
  },
]

/** What the estimate cannot tell. */
export function Limitations() {
  return (
    <Card id="limitations" title="Limitations">
      <dl className="space-y-4 text-sm leading-relaxed">
        {ITEMS.map((i) => (
          <div key={i.title}>
            <dt className="font-semibold text-zinc-900 dark:text-zinc-100">{i.title}</dt>
            <dd className="mt-1 text-zinc-700 dark:text-zinc-300">{i.text}</dd>
          </div>
        ))}
      </dl>
    </Card>
  )
}
