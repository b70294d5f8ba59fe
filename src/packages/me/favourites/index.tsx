import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import PolicyCard from '../../../components/policy-card'
import { useContent } from '../../../components/use-content'
import { useFavourites } from '../../../components/use-reading'

export default function FavouritesPage() {
  const favourites = useFavourites()
  const policies = useContent('policy')
  const kept = favourites.flatMap((id) => {
    const found = policies.find((item) => item.id === id)
    return found ? [found] : []
  })
  return (
    <PageShell title='我的收藏' lead='收藏的政策解读保存在这台手机上。'>
      {kept.length === 0 ? (
        <EmptyState title='还没有收藏' description='在政策解读页面点“收藏”，就会出现在这里。' />
      ) : (
        kept.map(({ id, data }) => <PolicyCard key={id} id={id} policy={data} />)
      )}
    </PageShell>
  )
}
